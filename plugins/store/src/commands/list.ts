import {AigogoCommand} from '@aigogo/sdk'

import type {ListedBuild} from '../cache/list-output.js'
import runList from '../runners/list.js'

export default class List extends AigogoCommand {
  static override summary = 'List local builds.'
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --json']
  static override runner = './dist/runners/list.js'

  async run(): Promise<{builds: ListedBuild[]}> {
    return (await this.runWith(runList)) as {builds: ListedBuild[]}
  }
}
