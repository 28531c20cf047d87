/**
 * Unpacks a package layer (tar, or tar+gzip detected by its magic) from a stream into an empty
 * directory, refusing anything that could write outside it (absolute paths, "..", links,
 * devices) and enforcing the layer limits (tar/limits.ts) while the bytes arrive: the first
 * limit exceeded stops the download.
 *
 * Everything here settles: no wait depends on a stream event that may never come (a write
 * piped from a tar entry that stopped used to leave the command with a never-settling promise:
 * exit 13, no message). Small files are written synchronously once complete; a large file's
 * chunks go to the file descriptor as plain fs writes (which always call back), so the disk works
 * while the network does; every other wait is raced against the first failure.
 */
import {closeSync, mkdirSync, openSync, write, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {createGunzip, type Gunzip} from 'node:zlib'

import {dataError, quoteUntrusted, safeRelativePath} from '@aigogo/sdk/core'
import {Parser, type ReadEntry} from 'tar'

import {UPSTREAM_MARKER} from '../constants.js'
import {checkPathLength, DEFAULT_LAYER_LIMITS, type LayerLimits, layerTooLarge, layerTooManyFiles, pathTooLong} from './limits.js'

const REFUSE = 'do not install this package; report it to its publisher'

/** Entries below this size are gathered in memory and written in one call. */
const SMALL_ENTRY = 1 << 20
/** Bytes handed to the disk and not yet written, above which the download waits. */
const MAX_IN_FLIGHT = 8 << 20
const BLOCK = 512
/**
 * Largest PAX / GNU long-name metadata entry read (node-tar's default is 1 MiB). A PAX path is at
 * most the path limit; this leaves room for other records and keeps a hostile header small.
 */
const MAX_META_ENTRY = 64 << 10
const GZIP_MAGIC = [0x1f, 0x8b]

function layerInvalid(error: unknown): Error {
  return dataError('LAYER_INVALID', `the package layer is not a valid tar archive: ${quoteUntrusted((error as Error).message ?? String(error), 200)}`, [REFUSE])
}

/** A filesystem refusal while writing a package file, as a coded error where the package is at fault. */
function writeFailed(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENAMETOOLONG') return pathTooLong(path, 'is too long for the filesystem')
  if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') {
    return dataError('PACKAGE_PATH_CONFLICT', `the package path ${quoteUntrusted(path)} is both a file and a directory`, [REFUSE])
  }
  return error
}

/** Writes all of `chunk` at the descriptor's position (fs.write may write less than asked). */
function writeAll(fd: number, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      write(fd, chunk, offset, chunk.length - offset, null, (error, written) => {
        if (error) return reject(error)
        if (offset + written < chunk.length) return step(offset + written)
        resolve()
      })
    }
    step(0)
  })
}

/**
 * Unpacks the layer's bytes into `target`; returns the package paths written, sorted. Errors of
 * the source (a dropped connection, a digest check) propagate as they are, so the caller can
 * retry them; a bad or oversized layer is a coded data error.
 */
export async function unpackLayer(layer: AsyncIterable<Buffer>, target: string, limits: LayerLimits = DEFAULT_LAYER_LIMITS): Promise<string[]> {
  const files = new Set<string>()
  const made = new Set<string>()
  const open = new Set<number>()
  let failure: unknown
  let stop!: () => void
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  const fail = (error: unknown): void => {
    if (failure !== undefined) return
    failure = error
    stop()
  }
  /** Per large file: its chain of writes (then its close), in order. */
  const tails = new Map<number, Promise<void>>()
  let inFlight = 0
  let wake: (() => void) | undefined
  let entries = 0
  let declared = 0
  let inflated = 0

  const ensureDir = (dir: string): void => {
    if (made.has(dir)) return
    mkdirSync(dir, {recursive: true})
    made.add(dir)
  }

  const onEntry = (entry: ReadEntry): void => {
    if (++entries > limits.maxEntries) throw layerTooManyFiles(limits.maxEntries)
    // The header announces the size: refuse before a single byte of it is read.
    declared += BLOCK + Math.ceil(entry.size / BLOCK) * BLOCK
    if (declared > limits.maxBytes) throw layerTooLarge(limits.maxBytes)
    checkPathLength(entry.path, limits)
    const path = safeRelativePath(entry.path)
    if (entry.type === 'Directory' || path === UPSTREAM_MARKER) return void entry.resume()
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
      throw dataError('PACKAGE_UNSAFE_ENTRY', `the package contains ${quoteUntrusted(entry.path)} of type ${entry.type}; only regular files are allowed`, [REFUSE])
    }
    if (files.has(path)) throw dataError('PACKAGE_DUPLICATE_ENTRY', `the package contains ${quoteUntrusted(path)} twice`, [REFUSE])
    files.add(path)
    const destination = join(target, path)
    if (entry.size < SMALL_ENTRY) {
      const parts: Buffer[] = []
      entry.on('data', (chunk: Buffer) => parts.push(chunk))
      entry.on('end', () => {
        if (failure !== undefined) return
        try {
          ensureDir(dirname(destination))
          writeFileSync(destination, Buffer.concat(parts), {flag: 'wx', mode: 0o644})
        } catch (error) {
          fail(writeFailed(error, path))
        }
      })
      return
    }
    let fd: number
    try {
      ensureDir(dirname(destination))
      fd = openSync(destination, 'wx', 0o644)
    } catch (error) {
      throw writeFailed(error, path)
    }
    open.add(fd)
    tails.set(fd, Promise.resolve())
    const settled = (n: number): void => {
      inFlight -= n
      wake?.()
    }
    entry.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return
      inFlight += chunk.length
      tails.set(fd, tails.get(fd)!.then(() => (failure === undefined ? writeAll(fd, chunk) : undefined)).then(
        () => settled(chunk.length),
        (error: unknown) => {
          settled(chunk.length)
          fail(writeFailed(error, path))
        },
      ))
    })
    entry.on('end', () => {
      tails.set(fd, tails.get(fd)!.then(() => {
        open.delete(fd)
        closeSync(fd)
      }).catch(fail))
    })
  }

  const parser = new Parser({brotli: false, maxMetaEntrySize: MAX_META_ENTRY, strict: true, zstd: false})
  // node-tar skips an oversized metadata entry and goes on with the next file under its short
  // USTAR name: that would unpack a file at a path the publisher did not mean. Refuse instead.
  parser.on('ignoredEntry', (entry: ReadEntry) => {
    fail(dataError('LAYER_INVALID', `the package layer has a ${entry.size}-byte tar metadata entry (PAX or long name), more than ${MAX_META_ENTRY}`, [REFUSE]))
  })
  parser.on('entry', (entry: ReadEntry) => {
    if (failure !== undefined) return void entry.resume()
    try {
      onEntry(entry)
    } catch (error) {
      fail(error)
      entry.resume()
    }
  })
  // node-tar's own codes (TAR_BAD_ARCHIVE, TAR_ENTRY_INVALID, ...): the bytes are not a tar.
  parser.on('error', (error: unknown) => fail(layerInvalid(error)))
  const parsed = new Promise<void>((resolve) => parser.once('end', () => resolve()))

  const feed = (chunk: Buffer): void => {
    if (failure !== undefined) return
    inflated += chunk.length
    if (inflated > limits.maxBytes) return fail(layerTooLarge(limits.maxBytes))
    parser.write(chunk)
  }

  let gunzip: Gunzip | undefined
  let sniffed: Buffer | undefined = Buffer.alloc(0)
  /** Passes raw layer bytes on: inflated when the layer starts with the gzip magic. */
  const take = async (chunk: Buffer): Promise<void> => {
    if (sniffed !== undefined) {
      sniffed = Buffer.concat([sniffed, chunk])
      if (sniffed.length < GZIP_MAGIC.length) return
      chunk = sniffed
      sniffed = undefined
      if (chunk[0] === GZIP_MAGIC[0] && chunk[1] === GZIP_MAGIC[1]) {
        gunzip = createGunzip()
        gunzip.on('data', feed)
        gunzip.on('error', (error) => fail(layerInvalid(error)))
      }
    }
    if (!gunzip) return feed(chunk)
    const zip = gunzip
    await Promise.race([new Promise<void>((resolve) => zip.write(chunk, () => resolve())), stopped])
  }

  try {
    for await (const chunk of layer) {
      if (failure !== undefined) break
      await take(chunk)
      // The disk is behind: wait for writes (they always call back) before reading more.
      while (inFlight > MAX_IN_FLIGHT && failure === undefined) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped])
      if (failure !== undefined) break
    }
    if (failure === undefined && sniffed !== undefined && sniffed.length > 0) feed(sniffed)
    if (failure === undefined && gunzip) {
      const zip = gunzip
      await Promise.race([new Promise<void>((resolve) => zip.once('end', () => resolve()).end()), stopped])
    }
    if (failure === undefined) {
      parser.end()
      await Promise.race([parsed, stopped])
    }
  } finally {
    gunzip?.destroy()
    // Writes and closes always settle; wait for them so no descriptor outlives the stage.
    await Promise.allSettled(tails.values())
    for (const fd of open) closeSync(fd)
  }
  if (failure !== undefined) throw failure
  return [...files].sort()
}
