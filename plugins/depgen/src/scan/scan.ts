/**
 * `aigogo scan`: the third-party packages a package's files use, whether each is declared,
 * and a dependency entry to add for each that is not, with the locally installed version.
 */
import type {ImportUse, LanguageScanner, PackageManifest} from '@aigogo/sdk/core'

import {installedNodeVersion} from '../installed/node.js'
import {pythonEnvironment} from '../installed/python.js'
import {normalizeDistribution} from '../python/distributions.js'
import {nameKey} from '../validate/names.js'
import {scanPackage, usagesOf} from '../validate/validate.js'
import {suggestVersion} from './suggest-version.js'

export interface ScannedPackage {
  package: string
  /** Where it is imported, "file:line". */
  files: string[]
  /** runtime / dev when declared, else undefined. */
  declared?: 'runtime' | 'dev'
  typeOnly: boolean
  optional: boolean
  installed?: string
  /** The entry to add when not declared. */
  suggestion?: {package: string; version: string; kind: 'runtime' | 'dev'; optional?: boolean}
}

export interface ScanResult {
  language: string
  files: number
  packages: ScannedPackage[]
  imports: ImportUse[]
}

/** Where Python's own metadata knows better (the installed distribution for a module), it wins. */
function preferInstalledDistribution(imports: ImportUse[], providers: Record<string, string[]>): ImportUse[] {
  return imports.map((use) => {
    const found = providers[use.module.split('.')[0] as string]
    if (!found || found.length === 0) return use
    const known = [use.package, ...(use.alternatives ?? [])].map(normalizeDistribution)
    if (found.some((d) => known.includes(normalizeDistribution(d)))) return use
    return {...use, package: found[0] as string}
  })
}

export async function scanDependencies(input: {dir: string; manifest: PackageManifest; files: readonly string[]; scanners: readonly LanguageScanner[]}): Promise<ScanResult> {
  const language = input.manifest.language.name
  let {imports} = await scanPackage(input)
  const installed = new Map<string, string>()
  if (language === 'python' && imports.length > 0) {
    const env = await pythonEnvironment(input.dir, {
      dists: [...new Set(imports.flatMap((u) => [u.package, ...(u.alternatives ?? [])]))],
      modules: [...new Set(imports.map((u) => u.module.split('.')[0] as string))],
    })
    imports = preferInstalledDistribution(imports, env.providers)
    for (const [name, version] of Object.entries(env.versions)) installed.set(name, version)
  }
  const key = (name: string): string => nameKey(language, name)
  const runtime = new Set((input.manifest.dependencies?.runtime ?? []).map((d) => key(d.package)))
  const dev = new Set((input.manifest.dependencies?.dev ?? []).map((d) => key(d.package)))
  const packages: ScannedPackage[] = []
  for (const usage of usagesOf(imports)) {
    const keys = usage.accepted.map(key)
    const declared = keys.some((k) => runtime.has(k)) ? 'runtime' : keys.some((k) => dev.has(k)) ? 'dev' : undefined
    const version =
      language === 'javascript' ? await installedNodeVersion(input.dir, usage.package) : keys.map((k) => installed.get(normalizeDistribution(k))).find(Boolean)
    const typeOnly = !usage.value
    const entry: ScannedPackage = {declared, files: usage.files, installed: version, optional: usage.optionalOnly, package: usage.package, typeOnly}
    // A value import declared only as dev still needs a runtime entry.
    if (!declared || (declared === 'dev' && usage.value && !usage.optionalOnly)) {
      entry.suggestion = {
        kind: typeOnly ? 'dev' : 'runtime',
        package: usage.package,
        version: suggestVersion(language, version),
        ...(usage.optionalOnly ? {optional: true} : {}),
      }
    }
    packages.push(entry)
  }
  return {files: input.files.length, imports, language, packages}
}
