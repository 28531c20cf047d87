/** Warnings about declared versions that will hurt consumers: none at all, or pinned exactly. */
import type {Dependency} from '@aigogo/sdk/core'

const NO_VERSION = new Set(['', '*', 'latest'])

function isExact(language: string, version: string): boolean {
  if (language === 'python') return version.startsWith('==') || version.startsWith('===')
  if (language === 'javascript') return /^v?\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(version) || version.startsWith('=')
  if (language === 'rust') return version.startsWith('=')
  return false
}

export function versionWarnings(language: string, runtime: readonly Dependency[]): string[] {
  const warnings: string[] = []
  for (const dep of runtime) {
    const version = dep.version.trim()
    if (NO_VERSION.has(version)) warnings.push(`${dep.package} has no version constraint`)
    else if (isExact(language, version)) warnings.push(`${dep.package} is pinned to exactly ${version} (may conflict with other packages)`)
  }
  return warnings
}
