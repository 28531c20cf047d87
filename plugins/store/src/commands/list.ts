import {Flags} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import type {ListedBuild} from '../cache/list-output.js'
import runList from '../runners/list.js'

export default class List extends AigogoCommand {
  static override summary = 'List local builds.'
  static override flags = {
    quiet: Flags.boolean({char: 'q', description: 'print only the refs (name:tag), one per line: for scripts and shell completion'}),
  }

  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --quiet', '<%= config.bin %> list --json']
  static override runner = './dist/runners/list.js'

  async run(): Promise<{builds: ListedBuild[]}> {
    return (await this.runWith(runList)) as {builds: ListedBuild[]}
  }
}
