/**
 * Changes to AI-tool folders as one transaction: every entry about to be replaced or removed is
 * first renamed into a hidden sibling folder (same directory, so same filesystem), then the new
 * copy is written. rollback() puts every original back; commit() deletes the saved originals.
 * A failed install therefore leaves every target exactly as it was.
 */
import {randomBytes} from 'node:crypto'
import {cp, lstat, mkdir, rename, rm} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

interface Change {
  path: string
  /** Where the original was moved; undefined when there was none. */
  saved?: string
}

export class TargetTransaction {
  private readonly id = `${process.pid}-${randomBytes(4).toString('hex')}`
  private readonly changes: Change[] = []
  private readonly saveDirs = new Set<string>()
  private counter = 0

  /** Puts `source` (a file or folder) at `path`, or removes `path` when source is undefined. */
  async replace(path: string, source?: string): Promise<void> {
    const exists = (await lstat(path).catch(() => undefined)) !== undefined
    if (!exists && source === undefined) return
    const change: Change = {path}
    // Record first: a failure half-way through this call is still rolled back.
    this.changes.push(change)
    if (exists) {
      const saveDir = join(dirname(path), `.aigogo-txn-${this.id}`)
      await mkdir(saveDir, {recursive: true})
      this.saveDirs.add(saveDir)
      change.saved = join(saveDir, `${this.counter++}-${basename(path)}`)
      await rename(path, change.saved)
    }
    if (source !== undefined) {
      await mkdir(dirname(path), {recursive: true})
      await cp(source, path, {errorOnExist: true, force: false, recursive: true})
    }
  }

  /** Undoes every change, newest first; keeps going past a step that fails and reports the first failure. */
  async rollback(): Promise<void> {
    let failure: unknown
    for (const change of [...this.changes].reverse()) {
      try {
        // rm's force covers a missing path only; a path under a file (ENOTDIR) was never created either.
        await rm(change.path, {force: true, recursive: true}).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOTDIR') throw error
        })
        if (change.saved) await rename(change.saved, change.path)
      } catch (error) {
        failure ??= error
      }
    }
    if (failure) throw failure
    await this.cleanup()
  }

  async commit(): Promise<void> {
    await this.cleanup()
  }

  private async cleanup(): Promise<void> {
    for (const dir of this.saveDirs) await rm(dir, {force: true, recursive: true})
    this.changes.length = 0
    this.saveDirs.clear()
  }
}
