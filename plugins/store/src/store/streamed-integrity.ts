/**
 * The integrity (integrity.ts), computed while a producer writes the files into a stage through
 * StoreStage.writeFile: the store writes each chunk and hashes the very bytes it wrote. A registry
 * pull unpacks its layer this way, so commit neither reads the files back nor hashes them a second
 * time (it used to: the whole package once more, after the layer's own digest). Each file's own
 * digest is not computed (it was, for the store index: a third SHA-256 pass over every byte); the
 * index records it at the first full check (index-file.ts).
 *
 * The integrity hashes files in byte order of their paths, so it is only streamed when they
 * arrive in that order, one at a time (aigogo's and Go's tar writers write directory-walk order,
 * the same unless a name sorts before a directory of the same stem: "a.py" beside "a/"). Out of
 * order, commit re-reads the stage for the integrity.
 * A failed write, a file left open or a staged file whose size is not the size hashed makes
 * everything unusable, and commit hashes the stage from disk as before: the shortcut never
 * changes a result.
 */
import {createHash} from 'node:crypto'
import {closeSync, lstatSync, mkdirSync, openSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'

import {dataError, isSafeRelativePath, joinInside, type StageFile} from '@aigogo/sdk/core'

import {MANIFEST_SECTION, ZERO} from './integrity.js'

export class StreamedIntegrity {
  private readonly hash = createHash('sha256')
  private readonly sizes = new Map<string, number>()
  private previous: Buffer | undefined
  /** The path whose bytes feed the integrity now, while its writer is open. */
  private current: string | undefined
  private ordered = true
  private open = 0
  private failed = false
  private done = false
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
    this.open++
    const inOrder = this.begin(path)
    let size = 0
    let closed = false
    return {
      close: () => {
        if (closed) return
        closed = true
        this.open--
        closeSync(fd)
        this.sizes.set(path, size)
        if (inOrder && this.current === path) {
          this.hash.update(ZERO)
          this.current = undefined
        }
      },
      write: (chunk) => {
        try {
          for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at)
        } catch (error) {
          this.failed = true
          throw error
        }
        size += chunk.length
        if (inOrder && this.current === path) this.hash.update(chunk)
      },
    }
  }

  /** Whether `path` continues the integrity: one file at a time, each after the last in byte order. */
  private begin(path: string): boolean {
    const bytes = Buffer.from(path)
    if (this.current !== undefined || (this.previous !== undefined && Buffer.compare(this.previous, bytes) >= 0)) this.ordered = false
    if (!this.ordered) return false
    this.previous = bytes
    this.hash.update(bytes)
    this.hash.update(ZERO)
    this.current = path
    return true
  }

  /**
   * The integrity when exactly `files` (sorted, as commit lists them) were written through this
   * in that order, one at a time, all closed, no write failed, and each is now a regular file of
   * the size that was hashed; undefined otherwise (commit then hashes the stage itself). Call it once.
   */
  result(files: readonly string[], manifestBytes: Uint8Array): string | undefined {
    if (this.done || this.failed || this.open > 0 || this.sizes.size !== files.length) return undefined
    this.done = true
    for (const path of files) {
      const size = this.sizes.get(path)
      if (size === undefined) return undefined
      const stats = lstatSync(joinInside(this.dir, path), {throwIfNoEntry: false})
      if (!stats?.isFile() || stats.size !== size) return undefined
    }
    if (!this.ordered) return undefined
    this.hash.update(MANIFEST_SECTION)
    this.hash.update(ZERO)
    this.hash.update(manifestBytes)
    return `sha256:${this.hash.digest('hex')}`
  }
}
