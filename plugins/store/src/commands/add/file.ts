import {Args, Flags} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import type {AddFilesResult} from '../../edit/add-files.js'
import runAddFile from '../../runners/add-file.js'

export default class AddFile extends AigogoCommand {
  static override summary = 'Add files or globs to the package (files.include).'
  static override description = 'Paths are stored relative to the directory of aigogo.json. Globs support "**" (quote them so the shell leaves them alone).'
  static override strict = false
  static override args = {paths: Args.string({description: 'file paths or globs', required: true})}
  static override flags = {force: Flags.boolean({description: 'add files even when an ignore rule matches them'})}
  static override examples = ['<%= config.bin %> add file utils.py helpers.py', '<%= config.bin %> add file "src/**/*.py"']
  static override runner = './dist/runners/add-file.js'

  async run(): Promise<AddFilesResult> {
    return (await this.runWith(runAddFile)) as AddFilesResult
  }
}
