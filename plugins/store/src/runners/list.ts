/** `aigogo list`: the local builds, from their metadata records. */
import {type CommandRunner, printData} from '@aigogo/sdk/core'

import {describeBuilds, renderBuilds} from '../cache/list-output.js'

const runList: CommandRunner = async (input) => {
  const builds = await describeBuilds()
  if (!input.json) printData(renderBuilds(builds, new Date()))
  return {builds}
}

export default runList
