/**
 * A cross-process lock: one aigogo command at a time changes a given piece of state.
 * The lock is a file created with O_EXCL holding the owner's pid; a lock whose owner is
 * gone (a crash, a kill -9) is taken over rather than blocking forever.
 */
import {mkdir, open, readFile, rm} from 'node:fs/promises'
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

async function tryAcquire(lockFile: string): Promise<boolean> {
  try {
    const handle = await open(lockFile, 'wx')
    await handle.writeFile(String(process.pid))
    await handle.close()
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10)
  // An empty file may be a lock being written right now; only a named, dead owner is stale.
  if (!Number.isNaN(owner) && !ownerIsAlive(owner)) {
    await rm(lockFile, {force: true})
  }
  return false
}

export async function withLock<T>(lockFile: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  await mkdir(dirname(lockFile), {recursive: true})
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  let wait = 5
  while (!(await tryAcquire(lockFile))) {
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
    await rm(lockFile, {force: true})
  }
}
