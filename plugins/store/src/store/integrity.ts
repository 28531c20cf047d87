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
import {closeSync, constants, mkdirSync, openSync, readSync, writeSync} from 'node:fs'
import {copyFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {setImmediate as yieldToLoop} from 'node:timers/promises'

import {sortPaths} from '../files/sort-paths.js'
import {writeSmallFile} from './small-files.js'

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
  /** When given, receives the files' total size in bytes (what was hashed). */
  counted?: {bytes: number}
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

/** write(2) may take less than it was given: write until all of it is written. */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at)
}

/** The integrity of the files (see the module comment), optionally copying them on the way. */
export async function computeIntegrity(source: HashSource, copy?: CopyTarget): Promise<string> {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(CHUNK)
  const copies: Array<Promise<void>> = []
  const files = sortPaths([...source.files])
  // The paths are relative and normalised (a walk's or a file list's): joined by concatenation,
  // since path.join's normalising was a tenth of this loop's time in a cold process.
  const fromDir = source.dir === '' || source.dir.endsWith('/') ? source.dir : `${source.dir}/`
  const toDir = copy ? (copy.to.endsWith('/') ? copy.to : `${copy.to}/`) : ''
  if (copy) for (const d of new Set(files.map((f) => dirname(f)))) mkdirSync(join(copy.to, d), {recursive: true})
  let total = 0
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
      if (copy) writeSmallFile(toDir + path, given)
      hash.update(ZERO)
      total += given.length
      continue
    }
    const from = fromDir + path
    const to = toDir + path
    const fd = openFile(from, path)
    let out: number | undefined
    try {
      // Read until end of file into the one buffer (no fstat, no buffer per file). A file that fits
      // is hashed and written from it at once; a larger one is hashed a buffer at a time and copied
      // by the kernel in parallel, or written chunk by chunk ("stream").
      let filled = 0
      let large = false
      for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, filled, CHUNK - filled, null)) {
        filled += n
        if (filled < CHUNK) continue
        if (!large) {
          large = true
          if (copy?.large === 'kernel') copies.push(copyFile(from, to))
          else if (copy) out = openSync(to, 'w')
        }
        hash.update(buffer)
        own?.update(buffer)
        if (out !== undefined) writeAll(out, buffer)
        total += filled
        sinceYield += filled
        filled = 0
        // Let finished thread-pool work (the parallel kernel copies) be picked up.
        if (sinceYield >= 8 * CHUNK) {
          sinceYield = 0
          await yieldToLoop()
        }
      }
      // A plain view: Buffer#subarray's species lookup cost more than the hash of a small file here.
      const rest = new Uint8Array(buffer.buffer, buffer.byteOffset, filled)
      hash.update(rest)
      own?.update(rest)
      total += filled
      if (copy && !large) writeSmallFile(to, rest)
      else if (out !== undefined && filled > 0) writeAll(out, rest)
    } finally {
      if (out !== undefined) closeSync(out)
      closeSync(fd)
    }
    if (own) source.fileDigests?.set(path, own.digest('hex'))
    hash.update(ZERO)
  }
  hash.update(MANIFEST_SECTION)
  hash.update(ZERO)
  hash.update(source.manifestBytes)
  await Promise.all(copies)
  if (source.counted) source.counted.bytes = total
  return `sha256:${hash.digest('hex')}`
}

function openFile(absolute: string, path: string): number {
  try {
    return openSync(absolute, constants.O_RDONLY)
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
