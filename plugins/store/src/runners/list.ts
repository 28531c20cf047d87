/** `aigogo list`: the local builds, from their metadata records. */
import {type CommandRunner, printData} from '@aigogo/sdk/core'

import {describeBuilds, renderBuilds} from '../cache/list-output.js'
import {buildNames, listBuildMetadata} from '../cache/local-cache.js'

const runList: CommandRunner = async (input) => {
  // Completion runs `list --quiet` on every TAB: the refs need no sizes or integrities.
  if (input.flags.quiet && !input.json) {
    const refs = (await listBuildMetadata()).map(({meta}) => buildNames(meta).ref)
    if (refs.length > 0) printData(refs.join('\n'))
    return {builds: []}
  }
  const builds = await describeBuilds()
  if (!input.json) printData(renderBuilds(builds, new Date()))
  return {builds}
}

export default runList
