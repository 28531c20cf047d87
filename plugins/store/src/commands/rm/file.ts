import {Args} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {removeFiles} from '../../edit/remove-files.js'

export default class RmFile extends AigogoCommand {
  static override summary = 'Remove files or globs from the include list.'
  static override strict = false
  static override args = {paths: Args.string({description: 'entries to remove, as listed or relative to the current directory', required: true})}
  static override examples = ['<%= config.bin %> rm file helpers.py']

  async run(): Promise<{manifestPath: string; removed: string[]; remaining: string[]}> {
    const {argv} = await this.parse(RmFile)
    const result = await removeFiles(process.cwd(), argv as string[])
    if (!this.json) {
      printData(
        [
          `✓ Removed ${result.removed.length} file(s) from include list:`,
          ...result.removed.map((p) => `  - ${p}`),
          result.remaining.length > 0 ? `Remaining files (${result.remaining.length}):` : 'No files remaining in include list',
          ...result.remaining.map((p) => `  - ${p}`),
        ].join('\n'),
      )
    }
    return result
  }
}
