/** Locating the project and its lock, with coded errors. */
import {preconditionError} from '@aigogo/sdk/core'

import {type LoadedLock, findLockFile, readLock} from '../lock/lock-file.js'

export {AIGOGO_DIR, aigogoDirOf} from '../lock/find-lock.js'

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
