/**
 * A reproducible USTAR writer: regular files only, no directory entries, uid/gid 0, empty
 * owner names, fixed mode and mtime, two zero blocks at the end and no record padding
 * (the byte layout Go's archive/tar produces, which the upstream tool pushes).
 */
import {createReadStream, readFileSync} from 'node:fs'

import {usageError} from '@aigogo/sdk/core'

const BLOCK = 512

export interface TarEntry {
  /** Relative path with forward slashes. */
  path: string
  size: number
  /** Either a file to stream or bytes. */
  file?: string
  bytes?: Uint8Array
  mode?: number
  mtime?: number
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function splitPath(path: string): {name: string; prefix: string} {
  const bytes = Buffer.byteLength(path)
  if (bytes <= 100) return {name: path, prefix: ''}
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i)
    const name = path.slice(i + 1)
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return {name, prefix}
  }
  throw usageError('PATH_TOO_LONG', `the package file path "${path}" is too long for a tar archive (at most 100 bytes after the last 155-byte directory prefix)`, [
    'shorten the file or directory names',
  ])
}

export function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(BLOCK, 0)
  const {name, prefix} = splitPath(entry.path)
  header.write(name, 0, 100, 'utf8')
  header.write(octal(entry.mode ?? 0o644, 8), 100, 'ascii')
  header.write(octal(0, 8), 108, 'ascii')
  header.write(octal(0, 8), 116, 'ascii')
  header.write(octal(entry.size, 12), 124, 'ascii')
  header.write(octal(entry.mtime ?? 0, 12), 136, 'ascii')
  header.write('        ', 148, 'ascii')
  header.write('0', 156, 'ascii')
  header.write('ustar\0' + '00', 257, 'ascii')
  header.write(octal(0, 8), 329, 'ascii')
  header.write(octal(0, 8), 337, 'ascii')
  header.write(prefix, 345, 155, 'utf8')
  let sum = 0
  for (const byte of header) sum += byte
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii')
  return header
}

/** Files below this size are read whole, synchronously, and sent with their header as one chunk. */
const SMALL_FILE = 1 << 20

function changedSize(path: string): Error {
  return usageError('PACKAGE_CHANGED', `${path} changed size while it was being packed`, ['run the push again once the build is stable'])
}

/**
 * The archive as a stream of chunks; large file contents are streamed, never held whole. Small
 * files (most of a package) are read synchronously: for hundreds of them, the thread-pool round
 * trips of streamed reads (open, read, close each) cost several times the reads.
 */
export async function* tarStream(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const pad = Buffer.alloc((BLOCK - (entry.size % BLOCK)) % BLOCK, 0)
    if (entry.bytes || entry.size < SMALL_FILE) {
      const content = entry.bytes ? Buffer.from(entry.bytes) : entry.file ? readFileSync(entry.file) : Buffer.alloc(0)
      if (content.length !== entry.size) throw changedSize(entry.path)
      yield Buffer.concat([tarHeader(entry), content, pad])
      continue
    }
    yield tarHeader(entry)
    let written = 0
    if (entry.file) {
      for await (const chunk of createReadStream(entry.file, {highWaterMark: SMALL_FILE})) {
        written += (chunk as Buffer).length
        yield chunk as Buffer
      }
    }
    if (written !== entry.size) throw changedSize(entry.path)
    if (pad.length > 0) yield pad
  }
  yield Buffer.alloc(BLOCK * 2, 0)
}

/** The archive's length in bytes, known before a byte is read: what tarStream yields for these entries. */
export function tarSize(entries: readonly TarEntry[]): number {
  let size = BLOCK * 2
  for (const entry of entries) size += BLOCK + Math.ceil(entry.size / BLOCK) * BLOCK
  return size
}

/** Path order used in every layer: compare segment by segment (directory walk order). */
export function comparePaths(a: string, b: string): number {
  const sa = a.split('/')
  const sb = b.split('/')
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) {
      // A directory's contents and a sibling file compare by name; Buffer.compare gives byte order.
      return Buffer.compare(Buffer.from(sa[i]!), Buffer.from(sb[i]!))
    }
  }
  return sa.length - sb.length
}
