/**
 * A reproducible USTAR writer: regular files only, no directory entries, uid/gid 0, empty
 * owner names, fixed mode and mtime, two zero blocks at the end and no record padding
 * (the byte layout Go's archive/tar produces, which the upstream tool pushes). A path USTAR
 * cannot hold gets a PAX extended header with only its path (as Go's archive/tar writes).
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

/** The USTAR split of a path over the name (100 bytes) and prefix (155 bytes) fields, if there is one. */
function ustarSplit(path: string): {name: string; prefix: string} | undefined {
  if (Buffer.byteLength(path) <= 100) return {name: path, prefix: ''}
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i)
    const name = path.slice(i + 1)
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return {name, prefix}
  }
  return undefined
}

/** At most `max` bytes of `text`, never cutting a UTF-8 character in two. */
function cutUtf8(text: string, max: number): string {
  const bytes = Buffer.from(text)
  if (bytes.length <= max) return text
  let end = max
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  return bytes.subarray(0, end).toString('utf8')
}

function ustarBlock(fields: {name: string; prefix: string; size: number; mode: number; mtime: number; type: string}): Buffer {
  const header = Buffer.alloc(BLOCK, 0)
  header.write(fields.name, 0, 100, 'utf8')
  header.write(octal(fields.mode, 8), 100, 'ascii')
  header.write(octal(0, 8), 108, 'ascii')
  header.write(octal(0, 8), 116, 'ascii')
  header.write(octal(fields.size, 12), 124, 'ascii')
  header.write(octal(fields.mtime, 12), 136, 'ascii')
  header.write('        ', 148, 'ascii')
  header.write(fields.type, 156, 'ascii')
  header.write('ustar\0' + '00', 257, 'ascii')
  header.write(octal(0, 8), 329, 'ascii')
  header.write(octal(0, 8), 337, 'ascii')
  header.write(fields.prefix, 345, 155, 'utf8')
  let sum = 0
  for (const byte of header) sum += byte
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii')
  return header
}

/** One PAX record, "<length> <key>=<value>\n", whose length counts its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`
  let length = Buffer.byteLength(body) + 1
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body)
  return Buffer.from(`${length}${body}`)
}

/**
 * A PAX extended header ("x") that carries only the path, for a path USTAR cannot split. It has no
 * time records and mtime 0, so the layer's digest still depends only on the files. Its own name
 * follows Go's archive/tar ("PaxHeaders.0/<file name>"); readers without PAX see a cut path.
 */
function paxPathHeader(path: string, mode: number): Buffer {
  const record = paxRecord('path', path)
  const name = cutUtf8(`PaxHeaders.0/${path.slice(path.lastIndexOf('/') + 1)}`, 100)
  return Buffer.concat([ustarBlock({mode, mtime: 0, name, prefix: '', size: record.length, type: 'x'}), record, Buffer.alloc((BLOCK - (record.length % BLOCK)) % BLOCK, 0)])
}

/** The header blocks of one regular file: USTAR, preceded by a PAX path header when the path needs one. */
export function tarHeader(entry: TarEntry): Buffer {
  const mode = entry.mode ?? 0o644
  const fields = {mode, mtime: entry.mtime ?? 0, size: entry.size, type: '0'}
  const split = ustarSplit(entry.path)
  if (split) return ustarBlock({...fields, ...split})
  return Buffer.concat([paxPathHeader(entry.path, mode), ustarBlock({...fields, name: cutUtf8(entry.path, 100), prefix: ''})])
}

/** Files below this size are read whole, synchronously, and sent with their header as one chunk. */
const SMALL_FILE = 1 << 20
/**
 * A larger file's read size. Small enough that a chunk is sent before two scavenges pass over it,
 * so the scavenge every 2 MiB (transport/collect-garbage.ts) frees it: with 1 MiB chunks they
 * outlived the young generation, and a push of 100 MB needed full collections and still peaked
 * at 80 MB; 256 KiB chunks and scavenges: 72 MB, with less CPU.
 */
const READ_CHUNK = 256 << 10

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
      for await (const chunk of createReadStream(entry.file, {highWaterMark: READ_CHUNK})) {
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
