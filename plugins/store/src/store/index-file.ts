/**
 * The per-package store index, pnpm's model: <package>/index.json records, for the stored
 * manifest and for every package file, the size, mtime, ctime and inode the file had once it was
 * read-only in the store, and its own sha256 when it was computed:
 *
 *   {"format": 1, "integrity": "sha256:…",
 *    "entries": {"aigogo.json": {"size": 91, "mtimeNs": "…", "ctimeNs": "…", "ino": "…", "sha256": "…"},
 *                "files/greet.py": {…}},
 *    "dirs": {"files": {"mtimeNs": "…", "ctimeNs": "…", "ino": "…"}}}
 *
 * Keys are paths in the package directory. Times and inodes are decimal strings (nanoseconds and
 * inode numbers can exceed 2^53). The upstream Go tool neither writes nor reads this file.
 *
 * A package pulled from a registry records no sha256 for its files (the manifest's is always
 * there): hashing them one more time while the layer streams cost a third SHA-256 pass over every
 * byte (store/streamed-integrity.ts). Such a file, once its stats change, is decided by the full
 * check (the integrity), which then records every digest. An aigogo from before this reads an
 * entry without sha256 as an unusable index, re-hashes the package once and rewrites the index
 * with every digest: nothing is trusted that was not hashed.
 */
import {type BigIntStats, closeSync, lstatSync, openSync, readSync} from 'node:fs'
import {join} from 'node:path'

import {isSafeRelativePath} from '@aigogo/sdk/core'

import {FILES_DIR, STORE_MANIFEST} from './layout.js'

export const INDEX_FILE = 'index.json'
const INDEX_FORMAT = 1

export interface IndexEntry {
  size: number
  mtimeNs: string
  ctimeNs: string
  ino: string
  /** The file's own digest (hex); absent when the file entered the store without one (a pull). */
  sha256?: string
}

export interface DirEntry {
  mtimeNs: string
  ctimeNs: string
  ino: string
}

export interface StoreIndex {
  format: typeof INDEX_FORMAT
  integrity: string
  entries: Record<string, IndexEntry>
  /**
   * files/ and every directory below it. Creating, removing or renaming an entry changes its
   * directory's mtime and ctime, so while these match, nothing was added and the check need not
   * list the directories. Optional: without it the check lists them.
   */
  dirs?: Record<string, DirEntry>
}

/** lstat with nanosecond times; undefined when nothing is there. Symbolic links are not followed. */
export function statOf(path: string): BigIntStats | undefined {
  return lstatSync(path, {bigint: true, throwIfNoEntry: false})
}

export function entryFor(stats: BigIntStats, sha256: string | undefined): IndexEntry {
  const entry: IndexEntry = {ctimeNs: String(stats.ctimeNs), ino: String(stats.ino), mtimeNs: String(stats.mtimeNs), size: Number(stats.size)}
  if (sha256 !== undefined) entry.sha256 = sha256
  return entry
}

/**
 * True when the file still has the recorded size, mtime, ctime and inode. Editing a file changes
 * its mtime and ctime; `touch -d` can put the mtime back but not the ctime, which only the
 * kernel sets; replacing the file (rename, cp over a deleted one) gives it a new inode.
 */
export function sameStats(entry: IndexEntry, stats: BigIntStats): boolean {
  return stats.isFile() && entry.size === Number(stats.size) && entry.mtimeNs === String(stats.mtimeNs) && entry.ctimeNs === String(stats.ctimeNs) && entry.ino === String(stats.ino)
}

export function dirEntryFor(stats: BigIntStats): DirEntry {
  return {ctimeNs: String(stats.ctimeNs), ino: String(stats.ino), mtimeNs: String(stats.mtimeNs)}
}

export function sameDirStats(entry: DirEntry, stats: BigIntStats | undefined): boolean {
  return stats !== undefined && stats.isDirectory() && entry.mtimeNs === String(stats.mtimeNs) && entry.ctimeNs === String(stats.ctimeNs) && entry.ino === String(stats.ino)
}

const isIndexKey = (key: string): boolean => key === STORE_MANIFEST || (key.startsWith(`${FILES_DIR}/`) && isSafeRelativePath(key))

const DECIMAL = /^\d+$/
const SHA256 = /^[0-9a-f]{64}$/

function isDirEntry(value: unknown): value is DirEntry {
  const e = value as DirEntry
  return typeof e === 'object' && e !== null && DECIMAL.test(String(e.mtimeNs)) && DECIMAL.test(String(e.ctimeNs)) && DECIMAL.test(String(e.ino))
}

function isEntry(value: unknown): value is IndexEntry {
  const e = value as IndexEntry
  return isDirEntry(value) && Number.isSafeInteger(e.size) && (e.sha256 === undefined || (typeof e.sha256 === 'string' && SHA256.test(e.sha256)))
}

const isDirKey = (key: string): boolean => key === FILES_DIR || isIndexKey(key)

const buffer = Buffer.allocUnsafe(64 * 1024)

/** A small file in open, read, close: readFileSync adds an fstat, and a no-op install reads one per package. */
function readSmall(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const chunks: Buffer[] = []
    for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = n < buffer.length ? 0 : readSync(fd, buffer, 0, buffer.length, null)) chunks.push(Buffer.from(buffer.subarray(0, n)))
    return Buffer.concat(chunks).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/**
 * The package's index, or undefined when it has none or one this code cannot trust to describe
 * it (another format, another package, a malformed entry): the caller then re-hashes everything.
 */
export function readIndex(packagePath: string, integrity: string): StoreIndex | undefined {
  const cached = lastRead.get(packagePath)
  if (cached?.integrity === integrity) return cached.index
  const index = readIndexFile(packagePath, integrity)
  lastRead.set(packagePath, {index, integrity})
  return index
}

/**
 * What this process last read or wrote as each package's index: an install checks a package and
 * then snapshots it from the same index, and the second read of every index.json showed in
 * profiles. Whoever writes or removes an index.json calls rememberIndex / forgetIndex. Kept on
 * globalThis: the store's capabilities are loaded as bundled twins, each with its own copy of this
 * module, and a package one of them stores (the local package source) must not stay "no index" in
 * the cache of another (the store capability, which snapshots it next).
 */
const LAST_READ = Symbol.for('aigogo.store.last-read-index')
const lastRead: Map<string, {integrity: string; index: StoreIndex | undefined}> = ((globalThis as {[LAST_READ]?: Map<string, {integrity: string; index: StoreIndex | undefined}>})[LAST_READ] ??= new Map())

export function rememberIndex(packagePath: string, index: StoreIndex): void {
  lastRead.set(packagePath, {index, integrity: index.integrity})
}

export function forgetIndex(packagePath: string): void {
  lastRead.delete(packagePath)
}

function readIndexFile(packagePath: string, integrity: string): StoreIndex | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(readSmall(join(packagePath, INDEX_FILE)))
  } catch {
    return undefined
  }
  const index = raw as StoreIndex
  if (typeof index !== 'object' || index === null || index.format !== INDEX_FORMAT || index.integrity !== integrity) return undefined
  if (typeof index.entries !== 'object' || index.entries === null || !(STORE_MANIFEST in index.entries)) return undefined
  if (!Object.entries(index.entries).every(([key, entry]) => isIndexKey(key) && isEntry(entry))) return undefined
  const dirs = index.dirs
  const dirsUsable = typeof dirs === 'object' && dirs !== null && FILES_DIR in dirs && Object.entries(dirs).every(([key, entry]) => isDirKey(key) && isDirEntry(entry))
  // Unusable directory records only cost a listing.
  return dirsUsable ? index : {entries: index.entries, format: index.format, integrity: index.integrity}
}

/** The records of `dirs` (paths in the package directory: "files", "files/sub") as they are now. */
export function dirEntries(packagePath: string, dirs: readonly string[]): Record<string, DirEntry> {
  const out: Record<string, DirEntry> = {}
  for (const dir of dirs) {
    const stats = statOf(join(packagePath, dir))
    if (stats) out[dir] = dirEntryFor(stats)
  }
  return out
}

/**
 * The index of a package whose files were just hashed into `integrity`: `files` (paths under
 * files/), with their own digests where `fileDigests` has them; the stored manifest's digest
 * separately. Stats are taken now, so call it after the last chmod.
 */
export function buildIndex(packagePath: string, integrity: string, files: Iterable<string>, fileDigests: ReadonlyMap<string, string>, manifestDigest: string, dirs: readonly string[]): StoreIndex {
  const entries: Record<string, IndexEntry> = {}
  const record = (key: string, sha256: string | undefined): void => {
    const stats = statOf(join(packagePath, key))
    if (stats) entries[key] = entryFor(stats, sha256)
  }
  record(STORE_MANIFEST, manifestDigest)
  for (const path of files) record(`${FILES_DIR}/${path}`, fileDigests.get(path))
  return {dirs: dirEntries(packagePath, dirs), entries, format: INDEX_FORMAT, integrity}
}

export const serializeIndex = (index: StoreIndex): string => JSON.stringify(index) + '\n'
