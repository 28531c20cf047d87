import type {PackageManifest} from '@aigogo/sdk'

/** The human listing of a package's declared dependencies. */
export function renderText(manifest: PackageManifest): string {
  const lines = [`${manifest.name} ${manifest.version} (${manifest.language.name}${manifest.language.version ? ` ${manifest.language.version}` : ''})`]
  for (const kind of ['runtime', 'dev'] as const) {
    const deps = manifest.dependencies?.[kind] ?? []
    lines.push(`${kind === 'runtime' ? 'Runtime' : 'Dev'} dependencies:${deps.length === 0 ? ' none' : ''}`)
    for (const dep of deps) lines.push(`  ${dep.package} ${dep.version}${dep.optional ? ' (optional)' : ''}`)
  }
  return lines.join('\n')
}
