import {AigogoCommand, allLanguages, printData} from '@aigogo/sdk'

import {type UninstallResult, uninstall} from '../install/uninstall.js'

export default class Uninstall extends AigogoCommand {
  static override summary = 'Remove what aigogo install created in this project (.aigogo/, the .pth file and what language plugins wired, the .gitignore line).'
  static override description = 'aigogo.lock, the store and exec environments are kept; run "aigogo install" to reinstall.'
  static override examples = ['<%= config.bin %> uninstall']

  async run(): Promise<UninstallResult> {
    await this.parse(Uninstall)
    // Every language's hook undoes what its install wrote outside .aigogo/ (python: the .pth).
    const result = await uninstall(process.cwd(), async () => (await allLanguages(this.config)).flatMap((l) => (l.wiring ? [l.wiring] : [])))
    if (!this.json) {
      printData(
        result.nothingInstalled
          ? 'Nothing to uninstall (.aigogo/ directory not found)'
          : [...result.removed.map((r) => `✓ Removed ${r}`), '', 'Uninstall complete. The aigogo.lock file has been preserved.', "Run 'aigogo install' to reinstall packages."].join('\n'),
      )
    }
    return result
  }
}
