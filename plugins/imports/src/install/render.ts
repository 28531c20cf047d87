/** The human form of an install result. */
import {relative} from 'node:path'

import type {InstallResult} from './up-to-date.js'

const hasNodePackages = (packages: InstallResult['packages']): boolean => packages.some((p) => p.language === 'javascript' || p.language === 'typescript')

export function renderInstall(r: InstallResult): string {
  const skill = r.agentSkill?.length ? [`✓ Agent skill: ${r.agentSkill.join(', ')}`] : []
  if (r.upToDate) return [`Up to date: ${r.packages.length} package(s) from ${r.lockFile}, nothing changed`, ...skill].join('\n')
  if (r.packages.length === 0) return `No packages in ${r.lockFile}; .aigogo/ is empty`
  const lines = [`Installed from ${r.lockFile}`, '']
  const restored = new Set(r.restored.map((p) => p.package))
  for (const p of r.packages) {
    const how = restored.has(p.name) ? 'Restored (its store copy had been modified) and installed' : p.fetched ? 'Fetched and installed' : 'Installed'
    lines.push(`✓ ${how} ${p.name}@${p.version} (${p.files} files)`, `  import: ${p.import}`)
  }
  lines.push('', `✓ Installed ${r.packages.length} package(s)${r.fetched > 0 ? ` (${r.fetched} fetched)` : ''}`, '', 'To use installed packages:')
  if (r.python) {
    if (r.python.pth) lines.push(`  Python: path configured via ${r.python.pth} (${r.python.interpreter}, from ${r.python.reason})`)
    else lines.push('  Python: add to PYTHONPATH (auto-configuration failed):', `    export PYTHONPATH="${r.python.importsDir}:$PYTHONPATH"`)
  }
  if (hasNodePackages(r.packages)) {
    const dir = relative(process.cwd(), r.projectDir) || '.'
    lines.push(
      `  JavaScript (CommonJS): require('${dir}/.aigogo/register')  or  node --require ${dir}/.aigogo/register.js app.js`,
      `  JavaScript (ESM):      node --import ${dir}/.aigogo/register.mjs app.mjs`,
    )
  }
  if (r.agentsIndex) lines.push(`  Coding agents: ${relative(process.cwd(), r.agentsIndex) || r.agentsIndex} lists every package with its import line and usage`)
  lines.push(...skill)
  // A plugin's language: its hook's report, as install --json gives it.
  for (const [language, details] of Object.entries(r.wiring ?? {})) {
    if (language !== 'python' && language !== 'javascript') lines.push(`  ${language}: wired by its plugin: ${JSON.stringify(details)}`)
  }
  return lines.join('\n')
}
