/**
 * aigogo.lock: reading, writing and finding it. The format is the upstream Go tool's (§3.2) so
 * both tools read each other's locks: sorted package keys, entry fields in the Go struct order,
 * `<`, `>` and `&` escaped the way Go's encoder does, a trailing newline.
 */
import {readFile} from 'node:fs/promises'
import {dirname} from 'node:path'

import {dataError, internalError, isSafeRelativePath, messageOf, parseJsonText, quoteUntrusted, safeName, writeFileAtomic} from '@aigogo/sdk/core'

export {LOCK_FILE_NAME, findLockFile} from './find-lock.js'

export interface LockEntry {
  version: string
  integrity: string
  source: string
  language: string
  files: string[] | null
  /** Registry entries: the manifest digest the tag resolved to when added. Upstream ignores it. */
  digest?: string
  /** Under a trust policy: the key id ("sha256:<hex>") whose signature verified when added. Upstream ignores it. */
  signer?: string
}

export interface LockFile {
  version: number
  packages: Record<string, LockEntry>
}

export interface LoadedLock {
  path: string
  /** The directory that holds the lock: the project root. */
  dir: string
  lock: LockFile
  /** The bytes as read, for the install stamp. */
  text: string
}

/** The only lock format version this tool reads and writes (upstream's). */
export const LOCK_VERSION = 1

export function emptyLock(): LockFile {
  return {packages: {}, version: LOCK_VERSION}
}

const CORRUPT_HINTS = (file: string): string[] => [
  `fix ${file} by hand, or restore it from version control (git checkout -- ${file})`,
  'aigogo never replaces a lock it cannot read: re-adding packages would lose the others',
]

function corrupt(file: string, why: string): Error {
  return dataError('LOCK_CORRUPT', `${file} is not a valid aigogo.lock: ${why}`, CORRUPT_HINTS(file), {file})
}

/** Checks the shape of parsed lock JSON; unknown fields are kept (they may be newer tools' data). */
export function validateLock(value: unknown, file: string): LockFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(file, 'the top level is not an object')
  const raw = value as {version?: unknown; packages?: unknown}
  if (raw.version !== undefined && typeof raw.version !== 'number') throw corrupt(file, '"version" is not a number')
  // A format we do not know may mean anything; reading it as version 1 could install the wrong thing.
  if (raw.version !== undefined && raw.version !== LOCK_VERSION) {
    throw dataError('LOCK_VERSION_UNSUPPORTED', `${file} has lock format version ${String(raw.version)}; this aigogo reads version ${LOCK_VERSION} only`, [
      'a newer aigogo wrote it: upgrade aigogo, or restore a version 1 lock from version control',
      'aigogo never rewrites a lock it cannot read',
    ], {file, supported: LOCK_VERSION, version: raw.version})
  }
  // Upstream turns a missing "packages" into an empty map.
  const packages = raw.packages ?? {}
  if (typeof packages !== 'object' || packages === null || Array.isArray(packages)) throw corrupt(file, '"packages" is not an object')
  for (const [key, entry] of Object.entries(packages as Record<string, unknown>)) {
    // A key becomes a directory under .aigogo/imports: checked before anything is fetched or written.
    safeName(key, {hints: [
      'do not install from this lock: a key that is not a plain name may be an attempt to write outside the project',
      `restore ${file} from version control (git checkout -- ${file}), or remove the entry and add the package again`,
    ], source: file, what: 'lock key'})
    if (typeof entry !== 'object' || entry === null) throw corrupt(file, `package "${key}" is not an object`)
    const e = entry as Record<string, unknown>
    for (const field of ['integrity', 'source', 'language'] as const) {
      if (typeof e[field] !== 'string' || e[field] === '') throw corrupt(file, `package "${key}" has no "${field}"`)
    }
    if (!/^sha256:[0-9a-f]{64}$/.test(e.integrity as string)) throw corrupt(file, `package "${key}" has a malformed integrity "${String(e.integrity)}"`)
    if (e.files !== null && e.files !== undefined && (!Array.isArray(e.files) || e.files.some((f) => typeof f !== 'string'))) {
      throw corrupt(file, `package "${key}" has a malformed "files" list`)
    }
    const badFile = Array.isArray(e.files) ? (e.files as string[]).find((f) => !isSafeRelativePath(f)) : undefined
    if (badFile !== undefined) throw corrupt(file, `package "${key}" lists the file ${quoteUntrusted(badFile)}, which is not a plain relative path`)
    if (e.signer !== undefined && (typeof e.signer !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(e.signer))) {
      throw corrupt(file, `package "${key}" has a malformed "signer" ${quoteUntrusted(String(e.signer))} (a key id is sha256:<64 hex>)`)
    }
    if (typeof e.version !== 'string') e.version = 'unknown'
  }
  return {...(raw as object), packages: packages as Record<string, LockEntry>, version: raw.version ?? 1}
}

export function parseLock(text: string, file: string): LockFile {
  const value = parseJsonText(text, file, {code: 'LOCK_CORRUPT', hints: CORRUPT_HINTS(file), what: 'aigogo.lock'})
  return validateLock(value, file)
}

/** Reads a lock; undefined when the file does not exist. */
export async function readLock(file: string): Promise<LoadedLock | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw internalError('FILE_UNREADABLE', `cannot read ${file}: ${messageOf(error)}`, [`check the permissions of ${file}`])
  }
  return {dir: dirname(file), lock: parseLock(text, file), path: file, text}
}

const ENTRY_ORDER = ['version', 'integrity', 'source', 'language', 'files'] as const

function orderedEntry(entry: LockEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of ENTRY_ORDER) out[field] = field === 'files' ? (entry.files ?? null) : entry[field]
  // Fields this version does not know (a newer tool's) follow, sorted, as Go would not write them.
  for (const field of Object.keys(entry).filter((f) => !(ENTRY_ORDER as readonly string[]).includes(f)).sort()) {
    out[field] = (entry as unknown as Record<string, unknown>)[field]
  }
  return out
}

/** The exact bytes of a lock as the upstream tool writes them. */
export function serializeLock(lock: LockFile): string {
  const packages: Record<string, unknown> = {}
  for (const key of Object.keys(lock.packages).sort()) packages[key] = orderedEntry(lock.packages[key] as LockEntry)
  const rest = Object.fromEntries(Object.entries(lock).filter(([k]) => k !== 'version' && k !== 'packages'))
  const json = JSON.stringify({version: lock.version, packages, ...rest}, null, 2)
  // Go's encoder escapes these inside strings; they never occur outside strings in JSON.
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') + '\n'
}

export async function writeLock(file: string, lock: LockFile): Promise<void> {
  await writeFileAtomic(file, serializeLock(lock))
}
