/**
 * The upstream integrity algorithm (spec §3.5), byte for byte, so lock files written by
 * either tool verify with the other:
 *
 *   for path in byte-sorted(files): H(path, 0x00, bytes, 0x00)
 *   H("__manifest__", 0x00, manifestBytes)
 *
 * Files are streamed through one reusable 1 MiB buffer, never held whole in memory. Reads are
 * synchronous on purpose: for thousands of small files they cost a fraction of the thread-pool
 * round trips of async reads, and kernel copies (fs.copyFile) still run in the thread pool
 * while we hash.
 */
import {createHash} from 'node:crypto'
import {preconditionError} from '@aigogo/sdk/core'
import {closeSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync, writeSync} from 'node:fs'
import {copyFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {setImmediate as yieldToLoop} from 'node:timers/promises'

import {sortPaths} from '../files/sort-paths.js'

export const ZERO = Buffer.from([0])
export const MANIFEST_SECTION = Buffer.from('__manifest__')
const CHUNK = 1 << 20

export interface HashSource {
  dir: string
  files: readonly string[]
  manifestBytes: Uint8Array
  /** Bytes to hash for some paths instead of reading them from dir (a rewritten aigogo.json). */
  contents?: ReadonlyMap<string, Uint8Array>
  /** When given, receives each file's own sha256 (hex), computed in the same pass: the store index records them. */
  fileDigests?: Map<string, string>
  /** Called as each file is done (progress). */
  onFile?: () => void
}

/** Where to copy the files while they are hashed. */
export interface CopyTarget {
  to: string
  /**
   * How files of 1 MiB and more are copied: "kernel" (fs.copyFile in the thread pool, in
   * parallel with the hash) or "stream" (the hashed chunks are written, so the copy is exactly
   * what was hashed, as the content-addressed store requires). Smaller files are always written
   * from the buffer that was hashed.
   */
  large: 'kernel' | 'stream'
}

function readWhole(fd: number, size: number): Buffer {
  const whole = Buffer.allocUnsafe(size)
  let at = 0
  while (at < size) {
    const n = readSync(fd, whole, at, size - at, null)
    if (n === 0) break
    at += n
  }
  return at === size ? whole : whole.subarray(0, at)
}

/** The integrity of the files (see the module comment), optionally copying them on the way. */
export async function computeIntegrity(source: HashSource, copy?: CopyTarget): Promise<string> {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(CHUNK)
  const copies: Array<Promise<void>> = []
  const files = sortPaths([...source.files])
  if (copy) for (const d of new Set(files.map((f) => dirname(f)))) mkdirSync(join(copy.to, d), {recursive: true})
  let sinceYield = 0
  for (const path of files) {
    source.onFile?.()
    hash.update(path, 'utf8')
    hash.update(ZERO)
    const given = source.contents?.get(path)
    const own = source.fileDigests ? createHash('sha256') : undefined
    if (given) {
      hash.update(given)
      own?.update(given)
      if (own) source.fileDigests?.set(path, own.digest('hex'))
      if (copy) writeFileSync(join(copy.to, path), given)
      hash.update(ZERO)
      continue
    }
    const from = join(source.dir, path)
    const fd = openFile(from, path)
    try {
      const size = fstatSync(fd).size
      if (size < CHUNK) {
        const whole = readWhole(fd, size)
        hash.update(whole)
        own?.update(whole)
        if (copy) writeFileSync(join(copy.to, path), whole)
      } else {
        if (copy?.large === 'kernel') copies.push(copyFile(from, join(copy.to, path)))
        const out = copy?.large === 'stream' ? openSync(join(copy.to, path), 'w') : undefined
        try {
          for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null)) {
            const chunk = n === CHUNK ? buffer : buffer.subarray(0, n)
            hash.update(chunk)
            own?.update(chunk)
            if (out !== undefined) writeSync(out, chunk)
            sinceYield += n
            // Let finished thread-pool work (the parallel kernel copies) be picked up.
            if (sinceYield >= 8 * CHUNK) {
              sinceYield = 0
              await yieldToLoop()
            }
          }
        } finally {
          if (out !== undefined) closeSync(out)
        }
      }
    } finally {
      closeSync(fd)
    }
    if (own) source.fileDigests?.set(path, own.digest('hex'))
    hash.update(ZERO)
  }
  hash.update(MANIFEST_SECTION)
  hash.update(ZERO)
  hash.update(source.manifestBytes)
  await Promise.all(copies)
  return `sha256:${hash.digest('hex')}`
}

function openFile(absolute: string, path: string): number {
  try {
    return openSync(absolute, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw preconditionError('PACKAGE_FILE_MISSING', `package file ${path} does not exist (${absolute})`, [
      'check the file list; for a local build, rebuild it: aigogo build --force',
    ], {file: path})
  }
}

/** The sha256 (hex) of one file, read through the same reusable-buffer loop; undefined when it cannot be read. */
export function fileDigest(absolute: string): string | undefined {
  let fd: number
  try {
    fd = openSync(absolute, 'r')
  } catch {
    return undefined
  }
  try {
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafe(CHUNK)
    for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null)) hash.update(n === CHUNK ? buffer : buffer.subarray(0, n))
    return hash.digest('hex')
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

export {hexOf} from './layout.js'
