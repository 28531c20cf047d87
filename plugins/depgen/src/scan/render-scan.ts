import {table} from '@aigogo/sdk/core'

import type {ScanResult} from './scan.js'

/** The human form of a scan: one row per package, then the entries to add. */
export function renderScan(result: ScanResult): string {
  if (result.files === 0) return 'No files to scan.'
  if (result.packages.length === 0) return `Scanned ${result.files} file(s): no third-party imports.`
  const rows = [['PACKAGE', 'DECLARED', 'INSTALLED', 'USED IN'] as string[]]
  for (const p of result.packages) {
    const notes = [p.typeOnly ? 'types only' : '', p.optional ? 'optional' : ''].filter(Boolean).join(', ')
    const where = p.files[0] + (p.files.length > 1 ? ` (+${p.files.length - 1})` : '')
    rows.push([p.package, p.declared ?? '-', p.installed ?? '-', notes ? `${where} [${notes}]` : where])
  }
  const lines = [`Scanned ${result.files} file(s): ${result.packages.length} third-party package(s).`, '', table(rows)]
  const toAdd = result.packages.filter((p) => p.suggestion)
  if (toAdd.length === 0) lines.push('', 'All detected dependencies are declared.')
  else {
    lines.push('', 'Add these to aigogo.json:')
    for (const {suggestion} of toAdd) {
      if (!suggestion) continue
      const verb = suggestion.kind === 'dev' ? 'dev' : 'dep'
      lines.push(`  aigogo add ${verb} ${suggestion.package} '${suggestion.version}'${suggestion.optional ? '   # optional: imported with a fallback' : ''}`)
    }
  }
  return lines.join('\n')
}
