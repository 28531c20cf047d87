/**
 * The per-package store index, pnpm's model: <package>/index.json records, for the stored
 * manifest and for every package file, the size, mtime, ctime and inode the file had once it was
 * read-only in the store, and its own sha256:
 *
 *   {"format": 1, "integrity": "sha256:…",
 *    "entries": {"aigogo.json": {"size": 91, "mtimeNs": "…", "ctimeNs": "…", "ino": "…", "sha256": "…"},
 *                "files/greet.py": {…}}}
 *
 * Keys are paths in the package directory. Times and inodes are decimal strings (nanoseconds and
 * inode numbers can exceed 2^53). The upstream Go tool neither writes nor reads this file.
 */
import {type BigIntStats, lstatSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {isSafeRelativePath} from '../util/safe-path.js'
import {FILES_DIR, STORE_MANIFEST} from './layout.js'

export const INDEX_FILE = 'index.json'
const INDEX_FORMAT = 1

export interface IndexEntry {
  size: number
  mtimeNs: string
  ctimeNs: string
  ino: string
  sha256: string
}

export interface StoreIndex {
  format: typeof INDEX_FORMAT
  integrity: string
  entries: Record<string, IndexEntry>
}

/** lstat with nanosecond times; undefined when nothing is there. Symbolic links are not followed. */
export function statOf(path: string): BigIntStats | undefined {
  return lstatSync(path, {bigint: true, throwIfNoEntry: false})
}

export function entryFor(stats: BigIntStats, sha256: string): IndexEntry {
  return {ctimeNs: String(stats.ctimeNs), ino: String(stats.ino), mtimeNs: String(stats.mtimeNs), sha256, size: Number(stats.size)}
}

/**
 * True when the file still has the recorded size, mtime, ctime and inode. Editing a file changes
 * its mtime and ctime; `touch -d` can put the mtime back but not the ctime, which only the
 * kernel sets; replacing the file (rename, cp over a deleted one) gives it a new inode.
 */
export function sameStats(entry: IndexEntry, stats: BigIntStats): boolean {
  return stats.isFile() && entry.size === Number(stats.size) && entry.mtimeNs === String(stats.mtimeNs) && entry.ctimeNs === String(stats.ctimeNs) && entry.ino === String(stats.ino)
}

const isIndexKey = (key: string): boolean => key === STORE_MANIFEST || (key.startsWith(`${FILES_DIR}/`) && isSafeRelativePath(key))

function isEntry(value: unknown): value is IndexEntry {
  const e = value as IndexEntry
  return typeof e === 'object' && e !== null && Number.isSafeInteger(e.size) && [e.mtimeNs, e.ctimeNs, e.ino].every((v) => typeof v === 'string' && /^\d+$/.test(v)) && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256)
}

/**
 * The package's index, or undefined when it has none or one this code cannot trust to describe
 * it (another format, another package, a malformed entry): the caller then re-hashes everything.
 */
export function readIndex(packagePath: string, integrity: string): StoreIndex | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(join(packagePath, INDEX_FILE), 'utf8'))
  } catch {
    return undefined
  }
  const index = raw as StoreIndex
  if (typeof index !== 'object' || index === null || index.format !== INDEX_FORMAT || index.integrity !== integrity) return undefined
  if (typeof index.entries !== 'object' || index.entries === null || !(STORE_MANIFEST in index.entries)) return undefined
  return Object.entries(index.entries).every(([key, entry]) => isIndexKey(key) && isEntry(entry)) ? index : undefined
}

/**
 * The index of a package whose files were just hashed: `fileDigests` by path under files/, the
 * stored manifest's digest separately. Stats are taken now, so call it after the last chmod.
 */
export function buildIndex(packagePath: string, integrity: string, fileDigests: ReadonlyMap<string, string>, manifestDigest: string): StoreIndex {
  const entries: Record<string, IndexEntry> = {}
  const record = (key: string, sha256: string): void => {
    const stats = statOf(join(packagePath, key))
    if (stats) entries[key] = entryFor(stats, sha256)
  }
  record(STORE_MANIFEST, manifestDigest)
  for (const [path, sha256] of fileDigests) record(`${FILES_DIR}/${path}`, sha256)
  return {entries, format: INDEX_FORMAT, integrity}
}

export const serializeIndex = (index: StoreIndex): string => JSON.stringify(index) + '\n'
