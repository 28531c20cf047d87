import {AigogoCommand, printData, warn} from '@aigogo/sdk'

import {type UninstallResult, uninstall} from '../install/uninstall.js'

export default class Uninstall extends AigogoCommand {
  static override summary = 'Remove what aigogo install created in this project (.aigogo/, the .pth file, the .gitignore line, the opt-in agent skill).'
  static override description = 'aigogo.lock, the store and exec environments are kept; run "aigogo install" to reinstall.'
  static override examples = ['<%= config.bin %> uninstall']

  async run(): Promise<UninstallResult> {
    await this.parse(Uninstall)
    const result = await uninstall(process.cwd())
    if (!this.json) {
      printData(
        result.nothingInstalled
          ? 'Nothing to uninstall (.aigogo/ directory not found)'
          : [...result.removed.map((r) => `✓ Removed ${r}`), '', 'Uninstall complete. The aigogo.lock file has been preserved.', "Run 'aigogo install' to reinstall packages."].join('\n'),
      )
      for (const file of result.kept) warn(`kept ${file}: it was edited after aigogo install wrote it`)
    }
    return result
  }
}
