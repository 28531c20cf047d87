/**
 * Unpacks a package layer (tar, or tar+gzip detected by its magic) from a stream into an empty
 * directory, refusing anything that could write outside it: absolute paths, "..", links, devices.
 */
import {createWriteStream, mkdirSync, writeFileSync} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {dataError, safeRelativePath} from '@aigogo/sdk/core'
import {Parser, type ReadEntry} from 'tar'

import {UPSTREAM_MARKER} from '../constants.js'


/** Entries below this size are gathered in memory and written in one synchronous call. */
const SMALL_ENTRY = 1 << 20

/**
 * Unpacks the layer's bytes into `target`; returns the package paths written, sorted. Small
 * files (most of a package) are written synchronously: three thread-pool round trips per file
 * (open, write, close) cost far more than the writes themselves. Large files are streamed.
 */
export async function unpackLayer(layer: Readable | AsyncIterable<Buffer>, target: string): Promise<string[]> {
  const files = new Set<string>()
  const writes: Promise<void>[] = []
  let failure: unknown
  const made = new Set<string>()
  const ensureDir = (dir: string): void => {
    if (made.has(dir)) return
    mkdirSync(dir, {recursive: true})
    made.add(dir)
  }
  const parser = new Parser({strict: true})
  parser.on('entry', (entry: ReadEntry) => {
    try {
      const path = safeRelativePath(entry.path)
      if (entry.type === 'Directory') {
        entry.resume()
        return
      }
      if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
        throw dataError('PACKAGE_UNSAFE_ENTRY', `the package contains "${entry.path}" of type ${entry.type}; only regular files are allowed`, [
          'do not install this package; report it to its publisher',
        ])
      }
      if (path === UPSTREAM_MARKER) {
        entry.resume()
        return
      }
      if (files.has(path)) throw dataError('PACKAGE_DUPLICATE_ENTRY', `the package contains "${path}" twice`)
      files.add(path)
      const destination = join(target, path)
      if (entry.size < SMALL_ENTRY) {
        const parts: Buffer[] = []
        entry.on('data', (chunk: Buffer) => parts.push(chunk))
        entry.on('end', () => {
          try {
            ensureDir(dirname(destination))
            writeFileSync(destination, Buffer.concat(parts), {flag: 'wx', mode: 0o644})
          } catch (error) {
            failure ??= error
          }
        })
        return
      }
      entry.pause()
      writes.push(
        mkdir(dirname(destination), {recursive: true})
          .then(() => pipeline(entry, createWriteStream(destination, {flags: 'wx', mode: 0o644})))
          .catch((error: unknown) => {
            failure ??= error
          }),
      )
    } catch (error) {
      failure ??= error
      entry.resume()
    }
  })
  try {
    // A Readable, never a bare iterable: pipeline writes iterables with a drain protocol the
    // tar parser does not follow (it stalls), while it pipes streams.
    await pipeline(layer instanceof Readable ? layer : Readable.from(layer, {objectMode: false}), parser)
  } catch (error) {
    // node-tar's own codes (TAR_BAD_ARCHIVE, TAR_ENTRY_INVALID, ...): the bytes are not a tar.
    const code = (error as {code?: unknown}).code
    if (typeof code !== 'string' || !code.startsWith('TAR_')) throw error
    throw dataError('LAYER_INVALID', `the package layer is not a valid tar archive: ${(error as Error).message}`, [
      'do not install this package; report it to its publisher',
    ])
  } finally {
    await Promise.all(writes)
  }
  if (failure) throw failure
  return [...files].sort()
}
