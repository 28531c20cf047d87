/**
 * JavaScript outputs of show-deps: a package.json fragment (real JSON, properly escaped) and
 * the yarn / pnpm commands that add the same dependencies.
 */
import type {Dependency, PackageManifest} from '@aigogo/sdk/core'

/** npm ranges separate comparators with spaces; Python-style commas are translated. */
export function npmRange(version: string): string {
  const v = version.trim()
  return v === '' ? '*' : v.replace(/\s*,\s*/g, ' ')
}

export function renderNpm(manifest: PackageManifest): string {
  const runtime = manifest.dependencies?.runtime ?? []
  const dev = manifest.dependencies?.dev ?? []
  const entries = (deps: Dependency[]): Record<string, string> => Object.fromEntries(deps.map((d) => [d.package, npmRange(d.version)]))
  const fragment: Record<string, unknown> = {}
  const required = runtime.filter((d) => !d.optional)
  const optional = runtime.filter((d) => d.optional)
  if (required.length > 0) fragment.dependencies = entries(required)
  if (optional.length > 0) fragment.optionalDependencies = entries(optional)
  if (dev.length > 0) fragment.devDependencies = entries(dev)
  fragment.aigogo = {
    ...(runtime.length > 0 ? {managedDependencies: runtime.map((d) => d.package)} : {}),
    ...(dev.length > 0 ? {managedDevDependencies: dev.map((d) => d.package)} : {}),
  }
  return JSON.stringify(fragment, null, 2)
}

/** A shell word that stays one argument: double quotes, with ", \, $ and ` escaped. */
const shellWord = (value: string): string => `"${value.replace(/(["\\$`])/g, '\\$1')}"`

function renderAddCommands(tool: 'yarn' | 'pnpm', manifest: PackageManifest): string {
  const runtime = manifest.dependencies?.runtime ?? []
  const dev = manifest.dependencies?.dev ?? []
  if (runtime.length === 0 && dev.length === 0) return '# No dependencies'
  const words = (deps: Dependency[]): string => deps.map((d) => shellWord(`${d.package}@${npmRange(d.version)}`)).join(' ')
  const lines = ['# aigogo-managed dependencies', '# To remove: uninstall these packages and delete the "aigogo" key from package.json']
  if (runtime.length > 0) lines.push(`${tool} add ${words(runtime)}`)
  if (dev.length > 0) lines.push(`${tool} add ${tool === 'yarn' ? '--dev' : '--save-dev'} ${words(dev)}`)
  return lines.join('\n')
}

export const renderYarn = (manifest: PackageManifest): string => renderAddCommands('yarn', manifest)
export const renderPnpm = (manifest: PackageManifest): string => renderAddCommands('pnpm', manifest)
