/** `aigogo validate [path]`: declared dependencies against what the files import. */
import {type CommandRunner, type DependencyReport, dataError, printData, say} from '@aigogo/sdk/core'

import {loadPackage} from '../package/load-package.js'
import {fixHints, renderReport, summaryOf} from '../validate/render-report.js'
import {validateDependencies} from '../validate/validate.js'

const runValidate: CommandRunner = async (input, context): Promise<DependencyReport> => {
  const pkg = await loadPackage(context.plugins, String(input.args.path))
  const report = await validateDependencies(pkg)
  // Stricter than the build's check: a declared but unused dependency also fails here.
  if (!report.ok || report.unused.length > 0) {
    throw dataError('DEPENDENCIES_INVALID', summaryOf(report), fixHints(report, pkg.manifest), {
      missing: report.missing,
      optional: report.optional ?? [],
      unused: report.unused,
    })
  }
  if (!input.json) {
    printData(renderReport(report))
    for (const warning of report.warnings ?? []) say(`Warning: ${warning}`)
  }
  return report
}

export default runValidate
