/**
 * `aigogo add dep|dev` and `aigogo rm dep|dev`: edit dependencies.runtime / dependencies.dev.
 */
import {type Dependency, type DependencyImport, type PackageManifest, preconditionError, usageError} from '@aigogo/sdk/core'
import {join, resolve} from 'node:path'

import {loadNearestManifest, saveManifest} from '../manifest/load.js'

export type DependencyKind = 'runtime' | 'dev'

const DEFAULT_LANGUAGE_VERSION: Record<string, string> = {go: '>=1.21', javascript: '>=18', python: '>=3.8', rust: '>=1.70'}

function withDependencies(manifest: PackageManifest, kind: DependencyKind, list: Dependency[]): PackageManifest {
  const dependencies = {...manifest.dependencies, [kind]: list}
  if ((dependencies.runtime ?? []).length === 0) delete dependencies.runtime
  if ((dependencies.dev ?? []).length === 0) delete dependencies.dev
  const language = manifest.language.version ? manifest.language : {...manifest.language, version: DEFAULT_LANGUAGE_VERSION[manifest.language.name] ?? ''}
  return {...manifest, dependencies, language}
}

export async function addDependency(cwd: string, kind: DependencyKind, pkg: string, version: string): Promise<{manifestPath: string; added: Dependency}> {
  if (pkg.trim() === '') throw usageError('USAGE', 'give the package name', ['aigogo add dep requests ">=2.31.0"'])
  if (version.trim() === '') throw usageError('USAGE', `give a version constraint for ${pkg}`, [`aigogo add ${kind === 'runtime' ? 'dep' : 'dev'} ${pkg} ">=1.0.0"`])
  const loaded = await loadNearestManifest(cwd)
  const list = loaded.manifest.dependencies?.[kind] ?? []
  const present = list.find((d) => d.package === pkg)
  if (present) {
    throw preconditionError('DEPENDENCY_EXISTS', `${pkg} is already a ${kind} dependency (${present.version})`, [
      `to change it: aigogo rm ${kind === 'runtime' ? 'dep' : 'dev'} ${pkg}, then add it again`,
    ], {package: pkg})
  }
  const added = {package: pkg, version}
  await saveManifest(loaded.path, withDependencies(loaded.manifest, kind, [...list, added]))
  return {added, manifestPath: loaded.path}
}

export interface ImportResult {
  manifestPath: string
  source: string
  added: Dependency[]
  /** Entries not added, with why: already declared, or no package + version (git/path/url, peers). */
  skipped: Array<{package: string; reason: string}>
  /** language.version taken from the file (requires-python, Poetry's python, engines.node), with the value it replaced. */
  languageVersion?: {version: string; previous?: string}
}

/** The language whose version requirement each file declares. */
const FILE_LANGUAGE = {'package-json': 'javascript', pyproject: 'python'} as const

/**
 * Adds the dependencies of one kind read by the dependency-import capability; existing ones are
 * kept. The file's own language requirement replaces language.version: it is what the code was
 * written against, and a default (>=3.8) would claim support the project never tested.
 */
export async function importDependencies(cwd: string, kind: DependencyKind, from: 'pyproject' | 'package-json', file: string | undefined, importer: DependencyImport): Promise<ImportResult> {
  const loaded = await loadNearestManifest(cwd)
  const source = file === undefined ? join(loaded.dir, from === 'pyproject' ? 'pyproject.toml' : 'package.json') : resolve(cwd, file)
  const read = from === 'pyproject' ? await importer.fromPyproject(source) : await importer.fromPackageJson(source)
  const list = [...(loaded.manifest.dependencies?.[kind] ?? [])]
  const result: ImportResult = {added: [], manifestPath: loaded.path, skipped: [...(read.skipped ?? [])], source}
  for (const dep of read[kind]) {
    const present = list.find((d) => d.package === dep.package)
    if (present) result.skipped.push({package: dep.package, reason: `already declared (${present.version})`})
    else {
      list.push(dep)
      result.added.push(dep)
    }
  }
  let manifest = loaded.manifest
  const wanted = read.languageVersion?.trim()
  if (wanted && manifest.language.name === FILE_LANGUAGE[from] && manifest.language.version !== wanted) {
    result.languageVersion = {version: wanted, ...(manifest.language.version ? {previous: manifest.language.version} : {})}
    manifest = {...manifest, language: {...manifest.language, version: wanted}}
  }
  if (result.added.length > 0 || result.languageVersion) await saveManifest(loaded.path, withDependencies(manifest, kind, list))
  return result
}

export async function removeDependencies(cwd: string, kind: DependencyKind, packages: readonly string[]): Promise<{manifestPath: string; removed: Dependency[]; remaining: Dependency[]}> {
  if (packages.length === 0) throw usageError('USAGE', 'name the package(s) to remove', [`aigogo rm ${kind === 'runtime' ? 'dep' : 'dev'} requests`])
  const loaded = await loadNearestManifest(cwd)
  const list = loaded.manifest.dependencies?.[kind] ?? []
  const missing = packages.filter((p) => !list.some((d) => d.package === p))
  if (missing.length > 0) {
    throw preconditionError('DEPENDENCY_NOT_FOUND', `not a ${kind} dependency: ${missing.join(', ')}`, [
      list.length > 0 ? `${kind} dependencies: ${list.map((d) => d.package).join(', ')}` : `there are no ${kind} dependencies`,
    ])
  }
  const removed = list.filter((d) => packages.includes(d.package))
  const remaining = list.filter((d) => !packages.includes(d.package))
  let manifest = withDependencies(loaded.manifest, kind, remaining)
  if (manifest.dependencies && Object.keys(manifest.dependencies).length === 0) {
    const {dependencies: _dropped, ...rest} = manifest
    manifest = rest as PackageManifest
  }
  await saveManifest(loaded.path, manifest)
  return {manifestPath: loaded.path, remaining, removed}
}
