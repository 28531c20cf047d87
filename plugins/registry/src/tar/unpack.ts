/**
 * Unpacks a package layer (tar, or tar+gzip detected by its magic) into an empty directory,
 * refusing anything that could write outside it: absolute paths, "..", links, devices.
 */
import {createReadStream, createWriteStream} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {pipeline} from 'node:stream/promises'

import {dataError} from '@aigogo/sdk'
import {Parser, type ReadEntry} from 'tar'

/** Written by the upstream Go tool as the first entry; not a package file. */
export const UPSTREAM_MARKER = '.aigogo-manifest.json'

export function safeRelativePath(raw: string): string {
  const path = raw.replace(/^\.\/+/, '')
  const bad =
    path === '' ||
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    /^[a-zA-Z]:/.test(path) ||
    path.split('/').some((part) => part === '..' || part === '.')
  if (bad) {
    throw dataError('PACKAGE_UNSAFE_PATH', `the package contains the unsafe path "${raw}" (absolute or escaping the package)`, [
      'do not install this package; report it to its publisher',
    ], {path: raw})
  }
  return path.replace(/\/+$/, '')
}

export async function unpackLayer(layerFile: string, target: string): Promise<string[]> {
  const files = new Set<string>()
  const writes: Promise<void>[] = []
  let failure: unknown
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
      entry.pause()
      writes.push(
        mkdir(dirname(destination), {recursive: true}).then(() => pipeline(entry, createWriteStream(destination, {flags: 'wx', mode: 0o644}))),
      )
    } catch (error) {
      failure ??= error
      entry.resume()
    }
  })
  await pipeline(createReadStream(layerFile), parser)
  await Promise.all(writes)
  if (failure) throw failure
  return [...files].sort()
}
