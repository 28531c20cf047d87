/**
 * Stat snapshots of stored packages: the no-op install's way to see that nothing in the store
 * changed without reading a hundred index.json files. A snapshot is the package's index
 * (index-file.ts) without the digests, taken after a check found the package intact:
 *
 *   {"integrity": "sha256:…", "dir": "<store>/sha256/ab/ab…",
 *    "files": [["aigogo.json", size, "mtimeNs", "ctimeNs", "ino"], ["files/greet.py", …]],
 *    "dirs": [[".", "mtimeNs", "ctimeNs", "ino"], ["files", …]]}
 *
 * Holding means: every file is still a regular file and every directory a directory with exactly
 * the recorded stats, which is what the cheap check accepts without re-hashing or listing (an
 * added entry changes its directory's mtime and ctime). Anything else, a malformed snapshot
 * included, only sends the caller to the cheap check.
 *
 * The no-op install loads this module: node built-ins only, and no other module of the store.
 */
import {lstatSync} from 'node:fs'

type FileRecord = [path: string, size: number, mtimeNs: string, ctimeNs: string, ino: string]
type DirRecord = [path: string, mtimeNs: string, ctimeNs: string, ino: string]

export interface Snapshot {
  integrity: string
  dir: string
  files: FileRecord[]
  dirs: DirRecord[]
}

const isStrings = (record: unknown, length: number, from: number): boolean =>
  Array.isArray(record) && record.length === length && record.slice(from).every((v) => typeof v === 'string')

function isSnapshot(value: unknown): value is Snapshot {
  const s = value as Snapshot
  return typeof s === 'object' && s !== null && typeof s.integrity === 'string' && typeof s.dir === 'string' &&
    Array.isArray(s.files) && s.files.length > 0 && s.files.every((r) => isStrings(r, 5, 2) && typeof r[0] === 'string' && typeof r[1] === 'number') &&
    Array.isArray(s.dirs) && s.dirs.length > 0 && s.dirs.every((r) => isStrings(r, 4, 0))
}

function fileHolds(dir: string, [path, size, mtimeNs, ctimeNs, ino]: FileRecord): boolean {
  const stats = lstatSync(`${dir}/${path}`, {bigint: true, throwIfNoEntry: false})
  return stats !== undefined && stats.isFile() && Number(stats.size) === size && String(stats.mtimeNs) === mtimeNs && String(stats.ctimeNs) === ctimeNs && String(stats.ino) === ino
}

function dirHolds(dir: string, [path, mtimeNs, ctimeNs, ino]: DirRecord): boolean {
  const stats = lstatSync(`${dir}/${path}`, {bigint: true, throwIfNoEntry: false})
  return stats !== undefined && stats.isDirectory() && String(stats.mtimeNs) === mtimeNs && String(stats.ctimeNs) === ctimeNs && String(stats.ino) === ino
}

export const canonicalIntegrity = (integrity: string): string => (integrity.startsWith('sha256:') ? integrity : `sha256:${integrity}`)

/** The integrities among `integrities` whose snapshot is missing or no longer holds: those need the cheap check. */
export function notHolding(integrities: readonly string[], snapshots: unknown): string[] {
  const byIntegrity = new Map<string, Snapshot>()
  if (Array.isArray(snapshots)) for (const snapshot of snapshots) if (isSnapshot(snapshot)) byIntegrity.set(snapshot.integrity, snapshot)
  return integrities.filter((integrity) => {
    const snapshot = byIntegrity.get(canonicalIntegrity(integrity))
    // The directory is the package's own (its name is the digest), so a snapshot cannot vouch for another package.
    if (!snapshot || !snapshot.dir.endsWith(`/${snapshot.integrity.slice(7)}`)) return true
    return !(snapshot.dirs.every((record) => dirHolds(snapshot.dir, record)) && snapshot.files.every((record) => fileHolds(snapshot.dir, record)))
  })
}
