/**
 * Making sure every locked package is in the store, intact. Missing ones are fetched from the
 * source recorded in the lock (local builds included: upstream always went to a registry) and
 * must arrive with the locked integrity; present ones are re-hashed (store.verify) so a modified
 * store file stops the install before anything is linked.
 */
import type {PackageSource, StoreCapability, StoredPackage} from '@aigogo/sdk/core'

import {dataError, preconditionError} from '@aigogo/sdk/core'

import type {LockEntry} from '../lock/lock-file.js'

export interface PackageSources {
  store: StoreCapability
  sources: ReadonlyArray<{plugin: string; implementation: PackageSource}>
}

export interface ResolvedPackage {
  key: string
  entry: LockEntry
  stored: StoredPackage
  fetched: boolean
  /** The source id that fetched it ("local", "registry"). */
  fetchedFrom?: string
}

export const WIRED_LANGUAGES = new Set(['python', 'javascript', 'typescript'])

export function sourceFor(ref: string, sources: PackageSources['sources']): PackageSource | undefined {
  return sources.find((s) => s.implementation.accepts(ref))?.implementation
}

/** A registry entry is fetched by its recorded digest when it has one, so a moved tag cannot matter. */
function fetchRef(entry: LockEntry): string {
  if (!entry.digest || entry.source.includes('@')) return entry.source
  const lastSlash = entry.source.lastIndexOf('/')
  const colon = entry.source.indexOf(':', lastSlash + 1)
  return `${colon === -1 ? entry.source : entry.source.slice(0, colon)}@${entry.digest}`
}

async function fetchMissing(key: string, entry: LockEntry, deps: PackageSources, json: boolean): Promise<{stored: StoredPackage; from: string}> {
  const candidates = entry.digest ? [fetchRef(entry)] : [entry.source]
  for (const ref of candidates) {
    const source = sourceFor(ref, deps.sources)
    if (!source) continue
    const fetched = await source.fetch(ref, {expectedIntegrity: entry.integrity, json, store: deps.store})
    if (fetched.integrity !== entry.integrity) {
      throw dataError('INTEGRITY_MISMATCH', `package "${key}" from ${ref} has integrity ${fetched.integrity}, but aigogo.lock records ${entry.integrity}`, [
        'the source now holds different content than when the package was added',
        `if the change is intended, re-add it: aigogo add ${entry.source}`,
      ], {expected: entry.integrity, got: fetched.integrity, package: key})
    }
    return {from: source.id, stored: fetched}
  }
  throw preconditionError('SOURCE_UNAVAILABLE', `package "${key}" is not in the store and no plugin can fetch "${entry.source}"`, [
    entry.source.includes('/') ? 'install the registry plugin: aigogo plugins install registry' : `build it locally (aigogo build ${entry.source}) or fetch the build from its author`,
    'see which plugins are loaded: aigogo plugins list',
  ], {package: key, source: entry.source})
}

export async function resolvePackages(packages: Record<string, LockEntry>, deps: PackageSources, options: {json: boolean}): Promise<ResolvedPackage[]> {
  const resolved: ResolvedPackage[] = []
  for (const key of Object.keys(packages).sort()) {
    const entry = packages[key] as LockEntry
    const language = entry.language.toLowerCase()
    if (!WIRED_LANGUAGES.has(language)) {
      throw preconditionError('UNSUPPORTED_LANGUAGE', `package "${key}" is ${language}; aigogo install wires python and javascript packages only`, [
        `remove "${key}" from aigogo.lock, or use its files directly from the store`,
      ], {package: key})
    }
    if (await deps.store.has(entry.integrity)) {
      resolved.push({entry, fetched: false, key, stored: await deps.store.verify(entry.integrity)})
      continue
    }
    const {from, stored} = await fetchMissing(key, entry, deps, options.json)
    resolved.push({entry, fetched: true, fetchedFrom: from, key, stored: await deps.store.verify(stored.integrity)})
  }
  return resolved
}
