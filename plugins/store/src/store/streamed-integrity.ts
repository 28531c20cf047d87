/**
 * The integrity (integrity.ts) and each file's own digest, computed while a producer writes the
 * files into a stage through StoreStage.writeFile: the store writes each chunk and hashes the very
 * bytes it wrote. A registry pull unpacks its layer this way, so commit neither reads the files
 * back nor hashes them a second time (it used to: the whole package once more, after the layer's
 * own digest).
 *
 * The integrity hashes files in byte order of their paths, so this only works when they arrive
 * in that order, one at a time (aigogo's and Go's tar writers write sorted layers). Anything
 * else (a file out of order, two files open at once, a failed write) makes the result unusable,
 * and commit hashes the stage from disk as before: the shortcut never changes a result.
 */
import {createHash, type Hash} from 'node:crypto'
import {closeSync, lstatSync, mkdirSync, openSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'

import {dataError, isSafeRelativePath, joinInside, type StageFile} from '@aigogo/sdk/core'

import {MANIFEST_SECTION, ZERO} from './integrity.js'

export interface StreamedHashes {
  integrity: string
  /** Each file's own sha256 (hex), by package path. */
  fileDigests: Map<string, string>
}

export class StreamedIntegrity {
  private readonly hash = createHash('sha256')
  private readonly sizes = new Map<string, number>()
  readonly fileDigests = new Map<string, string>()
  private previous: Buffer | undefined
  /** The file being written, while its writer is open. */
  private current: {path: string; own: Hash; size: number} | undefined
  private usable = true
  private readonly made = new Set<string>()

  constructor(private readonly dir: string) {}

  /** StoreStage.writeFile: creates the file (exclusively) and returns its writer. */
  writeFile(path: string): StageFile {
    if (!isSafeRelativePath(path)) {
      throw dataError('PACKAGE_PATH_UNSAFE', `package file path "${path}" is not a plain relative path`, [
        'package paths must be relative, use forward slashes and never contain ".." segments',
      ], {path})
    }
    const target = joinInside(this.dir, path)
    const parent = dirname(target)
    if (!this.made.has(parent)) {
      mkdirSync(parent, {recursive: true})
      this.made.add(parent)
    }
    const fd = openSync(target, 'wx', 0o644)
    const file = this.begin(path)
    let closed = false
    return {
      close: () => {
        if (closed) return
        closed = true
        closeSync(fd)
        this.end(file)
      },
      write: (chunk) => {
        try {
          for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at)
        } catch (error) {
          this.usable = false
          throw error
        }
        if (file !== undefined && file === this.current) {
          this.hash.update(chunk)
          file.own.update(chunk)
          file.size += chunk.length
        }
      },
    }
  }

  private begin(path: string): StreamedIntegrity['current'] {
    const bytes = Buffer.from(path)
    // A second file while one is open, or a path not after the last one: not the integrity's order.
    if (this.current !== undefined || (this.previous !== undefined && Buffer.compare(this.previous, bytes) >= 0)) this.usable = false
    if (!this.usable) return undefined
    this.previous = bytes
    this.hash.update(bytes)
    this.hash.update(ZERO)
    this.current = {own: createHash('sha256'), path, size: 0}
    return this.current
  }

  private end(file: StreamedIntegrity['current']): void {
    if (file === undefined || file !== this.current) return
    this.hash.update(ZERO)
    this.fileDigests.set(file.path, file.own.digest('hex'))
    this.sizes.set(file.path, file.size)
    this.current = undefined
  }

  /**
   * The integrity and file digests when exactly `files` (sorted, as commit lists them) were
   * written through this, in order, all closed, and each is now a regular file of the size that
   * was hashed; undefined otherwise (commit then hashes the stage itself). Call it once.
   */
  result(files: readonly string[], manifestBytes: Uint8Array): StreamedHashes | undefined {
    if (!this.usable || this.current !== undefined || this.sizes.size !== files.length) return undefined
    for (const path of files) {
      const size = this.sizes.get(path)
      if (size === undefined) return undefined
      const stats = lstatSync(joinInside(this.dir, path), {throwIfNoEntry: false})
      if (!stats?.isFile() || stats.size !== size) return undefined
    }
    this.usable = false
    this.hash.update(MANIFEST_SECTION)
    this.hash.update(ZERO)
    this.hash.update(manifestBytes)
    return {fileDigests: this.fileDigests, integrity: `sha256:${this.hash.digest('hex')}`}
  }
}
