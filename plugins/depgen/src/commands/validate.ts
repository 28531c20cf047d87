import {Args} from '@oclif/core'
import {AigogoCommand, type DependencyReport, dataError, printData, say} from '@aigogo/sdk'

import {loadPackage} from '../package/load-package.js'
import {fixHints, renderReport, summaryOf} from '../validate/render-report.js'
import {validateDependencies} from '../validate/validate.js'

export default class Validate extends AigogoCommand {
  static override summary = "Check that the package's declared dependencies match what its files import."
  static override description = 'Exits 0 when every imported package is declared and every declared runtime dependency is imported; otherwise fails with DEPENDENCIES_INVALID (exit 3) and says what to add or remove.'
  static override args = {
    path: Args.string({default: '.', description: 'package directory (aigogo.json is looked up from here upward)'}),
  }

  static override examples = ['<%= config.bin %> validate', '<%= config.bin %> validate --json']

  async run(): Promise<DependencyReport> {
    const {args} = await this.parse(Validate)
    const pkg = await loadPackage(this.config, args.path)
    const report = await validateDependencies(pkg)
    // Stricter than the build's check: a declared but unused dependency also fails here.
    if (!report.ok || report.unused.length > 0) {
      throw dataError('DEPENDENCIES_INVALID', summaryOf(report), fixHints(report, pkg.manifest), {
        missing: report.missing,
        optional: report.optional ?? [],
        unused: report.unused,
      })
    }
    if (!this.json) {
      printData(renderReport(report))
      for (const warning of report.warnings ?? []) say(`Warning: ${warning}`)
    }
    return report
  }
}
