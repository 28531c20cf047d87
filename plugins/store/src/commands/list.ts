import {Flags} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {listBuilds} from '../cache/local-cache.js'
import {type ListedBuild, describeBuilds, renderBuilds} from '../cache/list-output.js'

export default class List extends AigogoCommand {
  static override summary = 'List local builds.'
  static override flags = {
    quiet: Flags.boolean({char: 'q', description: 'print only the refs (name:tag), one per line: for scripts and shell completion'}),
  }

  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --quiet', '<%= config.bin %> list --json']

  async run(): Promise<{builds: ListedBuild[]}> {
    const {flags} = await this.parse(List)
    const found = await listBuilds()
    // Completion runs this on every TAB: the refs need no sizes or integrities.
    if (flags.quiet && !this.json) {
      if (found.length > 0) printData(found.map((b) => b.ref).join('\n'))
      return {builds: []}
    }
    const builds = await describeBuilds(found)
    if (!this.json) printData(renderBuilds(builds, new Date()))
    return {builds}
  }
}
