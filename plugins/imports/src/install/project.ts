/** Locating the project and its lock, with coded errors. */
import {join} from 'node:path'

import {preconditionError} from '@aigogo/sdk'

import {type LoadedLock, findLockFile, readLock} from '../lock/lock-file.js'

export const AIGOGO_DIR = '.aigogo'

export function aigogoDirOf(projectDir: string): string {
  return join(projectDir, AIGOGO_DIR)
}

export async function loadProjectLock(cwd: string): Promise<LoadedLock> {
  const file = await findLockFile(cwd)
  const loaded = file ? await readLock(file) : undefined
  if (!loaded) {
    throw preconditionError('LOCK_NOT_FOUND', `no aigogo.lock in ${cwd} or any parent directory`, [
      "add a package first: aigogo add <name:tag> (a local build) or aigogo add <registry>/<repo>:<tag>",
      'or run this command from the project that holds aigogo.lock',
    ])
  }
  return loaded
}
