import type {PackageManifest} from '@aigogo/sdk/core'

/** The human listing of a package's declared dependencies (upstream's text layout). */
export function renderText(manifest: PackageManifest): string {
  const lines = [
    `Package: ${manifest.name}`,
    `Version: ${manifest.version}`,
    `Language: ${manifest.language.name}${manifest.language.version ? ` ${manifest.language.version}` : ''}`,
    '',
  ]
  const runtime = manifest.dependencies?.runtime ?? []
  const dev = manifest.dependencies?.dev ?? []
  if (runtime.length === 0 && dev.length === 0) return [...lines, 'No dependencies declared'].join('\n')
  const block = (title: string, deps: typeof runtime): string[] => [
    `${title} (${deps.length}):`,
    ...deps.map((d) => `  • ${d.package} ${d.version}${d.optional ? ' (optional)' : ''}`),
  ]
  if (runtime.length > 0) lines.push(...block('Runtime Dependencies', runtime), ...(dev.length > 0 ? [''] : []))
  if (dev.length > 0) lines.push(...block('Development Dependencies', dev))
  return lines.join('\n')
}
