/**
 * A cross-process lock: one aigogo command at a time changes a given piece of state.
 * The lock is a file created with O_EXCL holding the owner's pid; a lock whose owner is
 * gone (a crash, a kill -9) is taken over rather than blocking forever.
 *
 * Its file calls are synchronous: each takes microseconds, and as async calls the five of them
 * were five thread-pool round trips at the start and end of every build, install and pull.
 */
import {closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {preconditionError} from './errors.js'

export interface LockOptions {
  /** How long to wait for another process before giving up. */
  timeoutMs?: number
  /** What is being locked, for the error message. */
  what?: string
}

function ownerIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function removeLock(lockFile: string): void {
  try {
    unlinkSync(lockFile)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

function readOwner(lockFile: string): number {
  try {
    return Number.parseInt(readFileSync(lockFile, 'utf8'), 10)
  } catch {
    return Number.NaN
  }
}

function tryAcquire(lockFile: string): boolean {
  try {
    const fd = openSync(lockFile, 'wx')
    try {
      writeSync(fd, String(process.pid))
    } finally {
      closeSync(fd)
    }
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const owner = readOwner(lockFile)
  // An empty file may be a lock being written right now; only a named, dead owner is stale.
  if (!Number.isNaN(owner) && !ownerIsAlive(owner)) removeLock(lockFile)
  return false
}

export async function withLock<T>(lockFile: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  mkdirSync(dirname(lockFile), {recursive: true})
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  let wait = 5
  while (!tryAcquire(lockFile)) {
    if (Date.now() > deadline) {
      throw preconditionError('LOCKED', `${options.what ?? 'the aigogo state'} is locked by another aigogo process`, [
        'wait for the other aigogo command to finish, then run this one again',
        `if no aigogo command is running, remove ${lockFile}`,
      ])
    }
    await sleep(wait)
    wait = Math.min(wait * 2, 200)
  }
  try {
    return await work()
  } finally {
    removeLock(lockFile)
  }
}
