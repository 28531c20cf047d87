import type {DependencyReport, PackageManifest} from '@aigogo/sdk/core'

/** What to do about a failed validation: the exact commands to add and remove dependencies. */
export function fixHints(report: DependencyReport, manifest: PackageManifest): string[] {
  const dev = new Set((manifest.dependencies?.dev ?? []).map((d) => d.package))
  const hints: string[] = []
  for (const m of report.missing) {
    const where = m.files.slice(0, 3).join(', ') + (m.files.length > 3 ? ', ...' : '')
    if (m.typeOnly) hints.push(`add ${m.package} (types only, imported in ${where}): aigogo add dev ${m.package} <version>`)
    else if (dev.has(m.package)) hints.push(`${m.package} is a dev dependency but imported at runtime (${where}): aigogo rm dev ${m.package} && aigogo add dep ${m.package} <version>`)
    else hints.push(`add ${m.package} (imported in ${where}): aigogo add dep ${m.package} <version>`)
  }
  for (const name of report.unused) hints.push(`remove ${name} (declared but never imported): aigogo rm dep ${name}`)
  if (report.missing.length > 0) hints.push('see installed versions and ready-made entries: aigogo scan')
  return hints
}

export function renderReport(report: DependencyReport): string {
  const count = new Set((report.imports ?? []).map((i) => i.package)).size
  const lines = [`Dependencies are consistent: ${count} third-party package(s) imported, all declared.`]
  for (const o of report.optional ?? []) lines.push(`  optional (imported with a fallback, not declared): ${o.package} in ${o.files.join(', ')}`)
  return lines.join('\n')
}

export function summaryOf(report: DependencyReport): string {
  const parts: string[] = []
  if (report.missing.length > 0) parts.push(`${report.missing.length} imported package(s) not declared (${report.missing.map((m) => m.package).join(', ')})`)
  if (report.unused.length > 0) parts.push(`${report.unused.length} declared runtime dependency(ies) never imported (${report.unused.join(', ')})`)
  return `dependencies do not match the code: ${parts.join('; ')}`
}
