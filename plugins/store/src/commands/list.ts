import {AigogoCommand, printData} from '@aigogo/sdk'

import {listBuilds} from '../cache/local-cache.js'
import {type ListedBuild, describeBuilds, renderBuilds} from '../cache/list-output.js'

export default class List extends AigogoCommand {
  static override summary = 'List local builds.'
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --json']

  async run(): Promise<{builds: ListedBuild[]}> {
    await this.parse(List)
    const builds = await describeBuilds(await listBuilds())
    if (!this.json) printData(renderBuilds(builds, new Date()))
    return {builds}
  }
}

