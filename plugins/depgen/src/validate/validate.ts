/**
 * Declared dependencies against the imports the scanners find. A value import needs a runtime
 * dependency; a type-only import is satisfied by runtime or dev (or its types package); an
 * import with a fallback (try/except) is only suggested. Declared runtime dependencies that
 * nothing imports are reported as unused.
 */
import type {DependencyReport, ImportUse, LanguageScanner, PackageManifest} from '@aigogo/sdk/core'

import {nameKey} from './names.js'
import {versionWarnings} from './version-hygiene.js'

export interface ValidateInput {
  dir: string
  manifest: PackageManifest
  files: readonly string[]
  scanners: readonly LanguageScanner[]
}

/** The scanners that answer for the manifest's language, or none. */
export function scannersFor(language: string, scanners: readonly LanguageScanner[]): LanguageScanner[] {
  return scanners.filter((s) => s.languages.includes(language))
}

export async function scanPackage(input: ValidateInput): Promise<{imports: ImportUse[]; scanned: boolean}> {
  const language = input.manifest.language.name
  const chosen = scannersFor(language, input.scanners)
  const imports: ImportUse[] = []
  for (const scanner of chosen) {
    const files = input.files.filter((f) => scanner.extensions.some((ext) => f.endsWith(ext)))
    imports.push(...(await scanner.scan({dir: input.dir, files, language, packageName: input.manifest.name})))
  }
  return {imports, scanned: chosen.length > 0}
}

interface Usage {
  package: string
  files: string[]
  accepted: string[]
  value: boolean
  typeOnly: boolean
  optionalOnly: boolean
}

/** Groups import uses by package, in first-seen order. */
export function usagesOf(imports: readonly ImportUse[]): Usage[] {
  const byPackage = new Map<string, Usage>()
  for (const use of imports) {
    let usage = byPackage.get(use.package)
    if (!usage) {
      usage = {accepted: [use.package], files: [], optionalOnly: true, package: use.package, typeOnly: false, value: false}
      byPackage.set(use.package, usage)
    }
    const where = `${use.file}:${use.line}`
    if (!usage.files.includes(where)) usage.files.push(where)
    for (const alt of use.alternatives ?? []) if (!usage.accepted.includes(alt)) usage.accepted.push(alt)
    if (use.typeOnly) usage.typeOnly = true
    else usage.value = true
    if (!use.optional) usage.optionalOnly = false
  }
  return [...byPackage.values()]
}

export function compare(manifest: PackageManifest, imports: readonly ImportUse[]): DependencyReport {
  const language = manifest.language.name
  const key = (name: string): string => nameKey(language, name)
  const runtime = manifest.dependencies?.runtime ?? []
  const runtimeKeys = new Set(runtime.map((d) => key(d.package)))
  const anyKeys = new Set([...runtimeKeys, ...(manifest.dependencies?.dev ?? []).map((d) => key(d.package))])
  const report: Required<Pick<DependencyReport, 'missing' | 'optional'>> = {missing: [], optional: []}
  const usedKeys = new Set<string>()
  for (const usage of usagesOf(imports)) {
    const keys = usage.accepted.map(key)
    for (const k of keys) usedKeys.add(k)
    const inRuntime = keys.some((k) => runtimeKeys.has(k))
    const inAny = keys.some((k) => anyKeys.has(k))
    if (usage.optionalOnly) {
      if (!inAny) report.optional.push({files: usage.files, package: usage.package})
    } else if (usage.value) {
      if (!inRuntime) report.missing.push({files: usage.files, package: usage.package})
    } else if (!inAny) report.missing.push({files: usage.files, package: usage.package, typeOnly: true})
  }
  const unused = runtime.filter((d) => !usedKeys.has(key(d.package))).map((d) => d.package)
  return {
    imports: [...imports],
    missing: report.missing,
    ok: report.missing.length === 0,
    optional: report.optional,
    unused,
    warnings: versionWarnings(language, runtime),
  }
}

export async function validateDependencies(input: ValidateInput): Promise<DependencyReport> {
  const {imports, scanned} = await scanPackage(input)
  if (!scanned) {
    return {
      imports: [],
      missing: [],
      ok: true,
      unused: [],
      warnings: [`no language scanner for ${input.manifest.language.name}: dependencies were not checked`],
    }
  }
  return compare(input.manifest, imports)
}
