import {AigogoCommand, aigogoDirs, allLanguages, printData, warn} from '@aigogo/sdk'

import {type UninstallResult, uninstall} from '../install/uninstall.js'

export default class Uninstall extends AigogoCommand {
  static override summary = 'Remove what aigogo install created in this project (.aigogo/, the .pth file and what language plugins wired, the .gitignore line, the opt-in agent skill) and its exec environments.'
  static override description = 'The exec environments of the packages in aigogo.lock (AIGOGO_HOME/envs) are removed too; aigogo.lock and the store are kept. Run "aigogo install" to reinstall.'
  static override examples = ['<%= config.bin %> uninstall']

  async run(): Promise<UninstallResult> {
    await this.parse(Uninstall)
    // Every language's hook undoes what its install wrote outside .aigogo/ (python: the .pth).
    const result = await uninstall(process.cwd(), aigogoDirs(), async () => (await allLanguages(this.config)).flatMap((l) => (l.wiring ? [l.wiring] : [])))
    if (!this.json) {
      const envs = result.envs.map((e) => `✓ Removed exec environment ${e}`)
      printData(
        result.nothingInstalled
          ? [...envs, 'Nothing to uninstall (.aigogo/ directory not found)'].join('\n')
          : [...result.removed.map((r) => `✓ Removed ${r}`), ...envs, '', 'Uninstall complete. The aigogo.lock file has been preserved.', "Run 'aigogo install' to reinstall packages."].join('\n'),
      )
      for (const file of result.kept) warn(`kept ${file}: it was edited after aigogo install wrote it`)
    }
    return result
  }
}
