/**
 * Unpacks a package layer (tar, or tar+gzip detected by its magic) from a stream into a store
 * stage (or a plain directory), refusing anything that could write outside it (absolute paths,
 * "..", links, devices) and enforcing the layer limits (tar/limits.ts) while the bytes arrive:
 * the first limit exceeded stops the download.
 *
 * Every file is written synchronously as its bytes arrive (small ones in one write once
 * complete), through the stage's writeFile when it has one, so the store hashes the files as they
 * are written and need not read them back. Nothing is held for a later write: a chunk is dead
 * once written, and memory stays at the chunks in hand whatever the layer's size. Everything here
 * settles: no wait depends on a stream event that may never come (a write piped from a tar entry
 * that stopped used to leave the command with a never-settling promise: exit 13, no message).
 */
import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {createGunzip, type Gunzip} from 'node:zlib'

import {dataError, quoteUntrusted, safeRelativePath, type StageFile} from '@aigogo/sdk/core'
import {Parser, type ReadEntry} from 'tar'

import {UPSTREAM_MARKER} from '../constants.js'
import {checkPathLength, DEFAULT_LAYER_LIMITS, type LayerLimits, layerTooLarge, layerTooManyFiles, pathTooLong} from './limits.js'

/** Where the files go: a store stage's writeFile (hashed as written), or a directory. */
export interface LayerTarget {
  dir: string
  writeFile?(path: string): StageFile
}

const REFUSE = 'do not install this package; report it to its publisher'

/** Entries below this size are gathered in memory and written in one call. */
const SMALL_ENTRY = 1 << 20
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

/** Plain synchronous file writes under `dir`, for a target without writeFile. */
function directWriter(dir: string): (path: string) => StageFile {
  const made = new Set<string>()
  return (path) => {
    const destination = join(dir, path)
    const parent = dirname(destination)
    if (!made.has(parent)) {
      mkdirSync(parent, {recursive: true})
      made.add(parent)
    }
    const fd = openSync(destination, 'wx', 0o644)
    let closed = false
    return {
      close() {
        if (closed) return
        closed = true
        closeSync(fd)
      },
      write(chunk) {
        for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at)
      },
    }
  }
}

/**
 * Unpacks the layer's bytes into `target`; returns the package paths written, sorted. Errors of
 * the source (a dropped connection, a digest check) propagate as they are, so the caller can
 * retry them; a bad or oversized layer is a coded data error.
 */
export async function unpackLayer(layer: AsyncIterable<Buffer>, target: string | LayerTarget, limits: LayerLimits = DEFAULT_LAYER_LIMITS): Promise<string[]> {
  const into = typeof target === 'string' ? {dir: target} : target
  const create = into.writeFile ? (path: string) => into.writeFile!(path) : directWriter(into.dir)
  const files = new Set<string>()
  /** The large file being written, if its entry has not ended: closed whatever happens. */
  let open: StageFile | undefined
  let failure: unknown
  let stop!: () => void
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  const fail = (error: unknown): void => {
    if (failure !== undefined) return
    failure = error
    stop()
  }
  let entries = 0
  let declared = 0
  let inflated = 0

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
    if (entry.size < SMALL_ENTRY) {
      const parts: Buffer[] = []
      entry.on('data', (chunk: Buffer) => parts.push(chunk))
      entry.on('end', () => {
        if (failure !== undefined) return
        let file: StageFile | undefined
        try {
          file = create(path)
          file.write(parts.length === 1 ? parts[0]! : Buffer.concat(parts))
          file.close()
        } catch (error) {
          try {
            file?.close()
          } catch {}
          fail(writeFailed(error, path))
        }
      })
      return
    }
    let file: StageFile
    try {
      file = create(path)
    } catch (error) {
      throw writeFailed(error, path)
    }
    open = file
    entry.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return
      try {
        file.write(chunk)
      } catch (error) {
        fail(writeFailed(error, path))
      }
    })
    entry.on('end', () => {
      open = undefined
      try {
        file.close()
      } catch (error) {
        fail(writeFailed(error, path))
      }
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
    // A large file whose entry never ended (a failure, a truncated layer): no descriptor outlives the stage.
    try {
      open?.close()
    } catch {}
  }
  if (failure !== undefined) throw failure
  return [...files].sort()
}
