/**
 * Making sure every locked package is in the store, intact. Missing ones are fetched from the
 * source recorded in the lock (local builds included: upstream always went to a registry) and
 * must arrive with the locked integrity; present ones pass the store's check (cheap: stat against
 * the store index, re-hashing only what changed; full with install --force), and a modified copy
 * is fetched again or, when it cannot be, refused (STORE_TAMPERED) before anything is linked.
 */
import type {AigogoError, PackageSource, StoreCapability, StoreCheck, StoredPackage} from '@aigogo/sdk/core'

import {dataError, messageOf, preconditionError} from '@aigogo/sdk/core'

import type {LockEntry} from '../lock/lock-file.js'
import type {Languages} from './wired-languages.js'

export interface PackageSources {
  store: StoreCapability
  sources: ReadonlyArray<{plugin: string; implementation: PackageSource}>
  /** The provided languages, whose wiring hooks install uses. */
  languages: Languages
}

export interface ResolvedPackage {
  key: string
  entry: LockEntry
  stored: StoredPackage
  fetched: boolean
  /** The source id that fetched it ("local", "registry"). */
  fetchedFrom?: string
  /** Set when the stored copy had been modified and was fetched again: what had changed. */
  restored?: string[]
}

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

export interface TamperedPackage {
  key: string
  entry: LockEntry
  /** Where the modified copy was (it is taken out of the store). */
  path: string
  /** Changed entries in the package directory ("files/<relpath>", "aigogo.json"); empty when unknown. */
  changed: string[]
  /** Why it could not be fetched again. */
  reason: string
}

export interface ResolveOptions {
  json: boolean
  /** Re-hash every stored package instead of the cheap stat check (install --force). */
  full?: boolean
  say?: (message: string) => void
  /** Called before STORE_TAMPERED is thrown, with the packages that could not be restored (install unlinks them). */
  onUnrestorable?: (packages: readonly TamperedPackage[]) => Promise<void>
}

const describe = (changed: readonly string[]): string => {
  if (changed.length === 0) return 'which file is unknown: the package had no index, or its index was rewritten too'
  return changed.length > 5 ? `${changed.slice(0, 5).join(', ')} and ${changed.length - 5} more` : changed.join(', ')
}

function tamperedError(packages: readonly TamperedPackage[], unlinked: boolean): AigogoError {
  const names = packages.map((p) => `"${p.key}" (changed: ${describe(p.changed)})`).join('; ')
  return dataError('STORE_TAMPERED', `the stored copy of ${packages.length === 1 ? 'package' : 'packages'} ${names} was modified after it entered the store, and could not be fetched again`, [
    ...packages.map((p) => `${p.key}: ${p.reason}`),
    `the modified copy was taken out of the store${unlinked ? ' and the package unlinked from .aigogo/' : ''}, so the edited code cannot run`,
    'make the source reachable again (the registry, or the local build: aigogo build), then run: aigogo install',
  ], {packages: packages.map((p) => ({changed: p.changed, package: p.key, path: p.path, source: p.entry.source}))})
}

/**
 * Every locked package, present and intact in the store. Three passes, so that a modified store
 * copy is dealt with before any other failure can stop the install:
 * 1. check each stored package (cheap, or full with options.full);
 * 2. a modified one is taken out of the store and fetched again from the lock's source with the
 *    locked integrity; when that fails, options.onUnrestorable runs and STORE_TAMPERED is thrown;
 * 3. missing ones are fetched.
 */
export async function resolvePackages(packages: Record<string, LockEntry>, deps: PackageSources, options: ResolveOptions): Promise<ResolvedPackage[]> {
  const keys = Object.keys(packages).sort()
  const resolved = new Map<string, ResolvedPackage>()
  const checks = new Map<string, StoreCheck>()
  for (const key of keys) checks.set(key, await deps.store.check((packages[key] as LockEntry).integrity, {full: options.full ?? false}))

  const unrestorable: TamperedPackage[] = []
  for (const key of keys) {
    const check = checks.get(key) as StoreCheck
    const entry = packages[key] as LockEntry
    const stored = check.state === 'intact' ? await deps.store.get(entry.integrity) : undefined
    if (stored) resolved.set(key, {entry, fetched: false, key, stored})
    if (check.state !== 'tampered') continue
    options.say?.(`The stored copy of ${key} was modified (${describe(check.changed)}); fetching it again from ${entry.source}`)
    await deps.store.remove(entry.integrity)
    try {
      const {from, stored} = await fetchMissing(key, entry, deps, options.json)
      resolved.set(key, {entry, fetched: true, fetchedFrom: from, key, restored: check.changed, stored})
    } catch (error) {
      unrestorable.push({changed: check.changed, entry, key, path: check.path, reason: messageOf(error)})
    }
  }
  if (unrestorable.length > 0) {
    await options.onUnrestorable?.(unrestorable)
    throw tamperedError(unrestorable, options.onUnrestorable !== undefined)
  }

  for (const key of keys) {
    if (resolved.has(key)) continue
    const entry = packages[key] as LockEntry
    const {from, stored} = await fetchMissing(key, entry, deps, options.json)
    resolved.set(key, {entry, fetched: true, fetchedFrom: from, key, stored})
  }
  return keys.map((key) => resolved.get(key) as ResolvedPackage)
}
