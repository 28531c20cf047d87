import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, warn} from '@aigogo/sdk'

import {type AddFilesResult, addFiles} from '../../edit/add-files.js'

export default class AddFile extends AigogoCommand {
  static override summary = 'Add files or globs to the package (files.include).'
  static override description = 'Paths are stored relative to the directory of aigogo.json. Globs support "**" (quote them so the shell leaves them alone).'
  static override strict = false
  static override args = {paths: Args.string({description: 'file paths or globs', required: true})}
  static override flags = {force: Flags.boolean({description: 'add files even when an ignore rule matches them'})}
  static override examples = ['<%= config.bin %> add file utils.py helpers.py', '<%= config.bin %> add file "src/**/*.py"']

  async run(): Promise<AddFilesResult> {
    const {argv, flags} = await this.parse(AddFile)
    const result = await addFiles({cwd: process.cwd(), force: flags.force, paths: argv as string[]})
    if (!this.json) {
      for (const s of result.skipped) warn(`skipping ${s.path} (${s.reason})`)
      for (const n of result.notes) warn(`${n.ignored} file(s) matching ${n.pattern} are ignored and will not be packaged`)
      printData(result.added.length === 0 ? 'No new files to add' : [`✓ Added ${result.added.length} file(s) to include list:`, ...result.added.map((p) => `  - ${p}`)].join('\n'))
    }
    return result
  }
}
