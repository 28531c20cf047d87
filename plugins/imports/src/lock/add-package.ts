/**
 * `aigogo add <ref>`: bring a package into the store through the first package source that
 * accepts the reference, and record it in the nearest aigogo.lock (a new one in cwd if none).
 */
import {createHash} from 'node:crypto'
import {join} from 'node:path'

import {type AigogoDirs, preconditionError, quoteUntrusted, safeName, usageError, withLock} from '@aigogo/sdk/core'

import {type PackageSources, sourceFor} from '../install/resolve-packages.js'
import {wiredLanguage} from '../install/wired-languages.js'
import {LOCK_FILE_NAME, type LockEntry, emptyLock, findLockFile, readLock, writeLock} from './lock-file.js'
import {lockKeyFor} from './names.js'

/**
 * Two different packages whose names normalise alike (`pkgA` and `pkga` for @aigogo/, `my-utils`
 * and `my.utils` for aigogo.) would share one import name: the second must not silently replace
 * the first. A new version of the same package replaces it, as upstream does.
 */
async function refuseCollision(existing: LockEntry | undefined, key: string, name: string, deps: PackageSources, lockFile: string): Promise<void> {
  if (!existing) return
  const other = (await deps.store.get(existing.integrity))?.manifest.name
  if (other === undefined || other === name) return
  throw preconditionError('IMPORT_NAME_COLLISION', `${quoteUntrusted(name)} and ${quoteUntrusted(other)} (already in ${lockFile}) both import as "${key}"`, [
    `keep one: delete the "${key}" entry from ${lockFile}, then add the one you want`,
    'or ask the author to rename one of the packages',
  ], {key, name, other})
}

export interface AddResult {
  lockFile: string
  key: string
  name: string
  version: string
  language: string
  integrity: string
  source: string
  sourceId: string
  digest?: string
  files: string[]
  /** The key already existed and was replaced. */
  replaced: boolean
}

export async function addPackage(ref: string, deps: PackageSources, options: {cwd: string; dirs: AigogoDirs; json?: boolean}): Promise<AddResult> {
  const source = sourceFor(ref, deps.sources)
  if (!source) {
    throw usageError('UNKNOWN_REFERENCE', `no package source accepts "${ref}"`, [
      'a local build is name:tag (see aigogo list); a registry package is <registry>/<repo>:<tag>',
      deps.sources.length === 0 ? 'no plugin provides package sources: aigogo plugins list' : `loaded sources: ${deps.sources.map((s) => s.implementation.id).join(', ')}`,
    ], {ref})
  }
  const lockFile = (await findLockFile(options.cwd)) ?? join(options.cwd, LOCK_FILE_NAME)
  // A corrupt lock stops us before any download.
  await readLock(lockFile)
  const fetched = await source.fetch(ref, {json: options.json ?? false, store: deps.store})
  // The store refuses such names on entry; a package stored by an older aigogo is checked here too.
  safeName(fetched.manifest.name, {source: ref, what: 'package name'})
  const language = fetched.manifest.language.name.toLowerCase()
  // Only a package that install can wire enters the lock (its files stay in the store either way).
  await wiredLanguage(deps.languages, language, fetched.manifest.name)
  const key = safeName(lockKeyFor(fetched.manifest.name, language), {source: ref, what: 'lock key'})
  const {digest} = fetched
  const entry: LockEntry = {
    files: [...fetched.files],
    integrity: fetched.integrity,
    language,
    source: ref,
    version: fetched.manifest.version,
    ...(digest ? {digest} : {}),
  }
  const lockId = createHash('sha256').update(lockFile).digest('hex').slice(0, 16)
  return withLock(join(options.dirs.locks, `lock-${lockId}.lock`), async () => {
    // Read under the lock: a corrupt lock is an error here, never silently replaced.
    const lock = (await readLock(lockFile))?.lock ?? emptyLock()
    await refuseCollision(lock.packages[key], key, fetched.manifest.name, deps, lockFile)
    const replaced = key in lock.packages
    lock.packages[key] = entry
    await writeLock(lockFile, lock)
    return {
      files: entry.files ?? [],
      integrity: entry.integrity,
      key,
      language,
      lockFile,
      name: fetched.manifest.name,
      replaced,
      source: ref,
      sourceId: source.id,
      version: entry.version,
      ...(digest ? {digest} : {}),
    }
  }, {what: lockFile})
}
