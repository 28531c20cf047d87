/**
 * Is a stored package still what entered the store? Two ways to answer:
 *
 * - cheap (every full install; a no-op install for a package whose snapshot, snapshot.ts, no
 *   longer holds): stat every file and directory and compare with
 *   the index (index-file.ts); list a directory only when its own stats changed; re-hash only a file whose size, mtime, ctime or inode changed, and
 *   call it changed when its sha256 differs from the recorded one (a file recorded without one,
 *   as a pull stores them, goes to the full check). A file added to or removed from
 *   files/, or anything that is not a regular file (a symlink put in place of a file), is a change.
 *   A change is confirmed by the full check before it is reported, so a damaged index costs a
 *   re-hash, never a refusal.
 * - full (`install --force`, and a package without a usable index: stored by the upstream tool or
 *   an older aigogo): re-hash everything with the integrity algorithm and compare with the
 *   integrity the package is stored under, then (re)build the index.
 *
 * What the cheap check cannot see: content changed while size, mtime, ctime and inode all stay
 * the same. ctime is set by the kernel on every write and chmod, so that takes root (a clock
 * change, a raw device write) or a rewritten index.json, which the same user can write too.
 * The full check trusts nothing local: it compares with the integrity the lock file records.
 *
 * File work is synchronous: for a no-op install of many small packages, a few hundred lstat calls
 * cost less than their thread-pool round trips would. The hashing code is imported only when
 * something must be hashed, so the no-op install does not load it.
 */
import {type StoreCheck, writeFileAtomic} from '@aigogo/sdk/core'
import {createHash} from 'node:crypto'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {sortPaths} from '../files/sort-paths.js'
import {INDEX_FILE, type IndexEntry, type StoreIndex, buildIndex, dirEntries, entryFor, forgetIndex, readIndex, rememberIndex, sameDirStats, sameStats, serializeIndex, statOf} from './index-file.js'
import {FILES_DIR, STORE_MANIFEST, packageDir} from './layout.js'

/**
 * Everything under files/ (relative to the package directory): `files`, every non-directory entry,
 * symlinks included, and `dirs`, files/ itself and every directory below it.
 */
export function listTree(packagePath: string): {files: string[]; dirs: string[]} {
  const tree = {dirs: [] as string[], files: [] as string[]}
  const visit = (rel: string): void => {
    let entries
    try {
      entries = readdirSync(join(packagePath, rel), {withFileTypes: true})
    } catch {
      return
    }
    tree.dirs.push(rel)
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`
      if (entry.isDirectory()) visit(path)
      else tree.files.push(path)
    }
  }
  visit(FILES_DIR)
  return tree
}

/** Best effort: a store this user cannot write (a shared one) is still checked, only not cheaply next time. */
async function saveIndex(packagePath: string, index: StoreIndex): Promise<void> {
  await writeFileAtomic(join(packagePath, INDEX_FILE), serializeIndex(index)).then(() => rememberIndex(packagePath, index), () => forgetIndex(packagePath))
}

async function cheapCheck(path: string, integrity: string, index: StoreIndex): Promise<StoreCheck> {
  // Unchanged directories cannot have gained an entry; otherwise list them to find what is new.
  const dirsUnchanged = index.dirs !== undefined && Object.entries(index.dirs).every(([dir, entry]) => sameDirStats(entry, statOf(join(path, dir))))
  const tree = dirsUnchanged ? undefined : listTree(path)
  const changed = tree ? tree.files.filter((key) => !(key in index.entries)) : []
  const refreshed: Record<string, IndexEntry> = {}
  for (const [key, entry] of Object.entries(index.entries)) {
    const stats = statOf(join(path, key))
    if (!stats?.isFile()) changed.push(key)
    else if (!sameStats(entry, stats)) {
      // Touched but maybe not changed (a chmod, a copied store): the content decides, the file's
      // own digest when the index has one, else the whole package's integrity (the full check).
      if (entry.sha256 !== undefined && (await import('./integrity.js')).fileDigest(join(path, key)) === entry.sha256) refreshed[key] = entryFor(stats, entry.sha256)
      else changed.push(key)
    }
  }
  // Confirmed against the integrity before anyone acts on it: a damaged index must not get an
  // intact package refused. The full check names the same files from the index's digests (or,
  // for a file recorded without one, from its stats).
  if (changed.length > 0) return fullCheck(path, integrity, index)
  if (tree || Object.keys(refreshed).length > 0) await saveIndex(path, {...index, dirs: tree ? dirEntries(path, tree.dirs) : index.dirs, entries: {...index.entries, ...refreshed}})
  return {full: false, state: 'intact'}
}

async function fullCheck(path: string, integrity: string, previous: StoreIndex | undefined): Promise<StoreCheck> {
  const {computeIntegrity} = await import('./integrity.js')
  const manifestBytes = readManifest(path)
  if (!manifestBytes) return {changed: [STORE_MANIFEST], full: true, path, state: 'tampered'}
  const filesDir = join(path, FILES_DIR)
  const tree = listTree(path)
  const listed = tree.files.map((p) => p.slice(FILES_DIR.length + 1))
  const irregular = listed.filter((p) => !statOf(join(filesDir, p))?.isFile())
  const files = listed.filter((p) => !irregular.includes(p))
  const digests = new Map<string, string>()
  const actual = await computeIntegrity({dir: filesDir, fileDigests: digests, files, manifestBytes})
  const manifestDigest = createHash('sha256').update(manifestBytes).digest('hex')
  if (actual === integrity && irregular.length === 0) {
    const index = buildIndex(path, integrity, files, digests, manifestDigest, tree.dirs)
    if (!previous || serializeIndex(previous) !== serializeIndex(index)) await saveIndex(path, index)
    return {full: true, state: 'intact'}
  }
  // Name what changed when an earlier index says what the files were; without one, nothing can.
  const changed = irregular.map((p) => `${FILES_DIR}/${p}`)
  if (previous) {
    const now = new Map([...digests].map(([p, d]) => [`${FILES_DIR}/${p}`, d]))
    now.set(STORE_MANIFEST, manifestDigest)
    for (const [key, digest] of now) if (differs(previous.entries[key], digest, join(path, key))) changed.push(key)
    for (const key of Object.keys(previous.entries)) if (!now.has(key) && !changed.includes(key)) changed.push(key)
  }
  return {changed: sortPaths(changed), full: true, path, state: 'tampered'}
}

/** Whether a file differs from what the index recorded: by its digest, or by its stats when it was recorded without one. */
function differs(entry: IndexEntry | undefined, digest: string, absolute: string): boolean {
  if (entry === undefined) return true
  if (entry.sha256 !== undefined) return entry.sha256 !== digest
  const stats = statOf(absolute)
  return stats === undefined || !sameStats(entry, stats)
}

function readManifest(path: string): Buffer | undefined {
  try {
    return readFileSync(join(path, STORE_MANIFEST))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

export async function checkPackage(integrity: string, options: {full?: boolean} = {}, env: NodeJS.ProcessEnv = process.env): Promise<StoreCheck> {
  const path = packageDir(integrity, env)
  const canonical = `sha256:${path.slice(-64)}`
  // The index first: for an indexed package its entries cover the manifest, one stat fewer.
  const index = readIndex(path, canonical)
  if (!index && !statOf(join(path, STORE_MANIFEST))) return {state: 'missing'}
  return !index || options.full ? fullCheck(path, canonical, index) : cheapCheck(path, canonical, index)
}
