/**
 * Writing a file whose bytes are already in memory (a small file of a build or of a stored
 * package, written from the buffer it was hashed from), and the coded error when that fails
 * (a full disk, a read-only AIGOGO_HOME, a path too long): it used to surface as INTERNAL.
 */
import {type AigogoError, preconditionError} from '@aigogo/sdk/core'
import {writeFileSync} from 'node:fs'

export function writeSmallFile(to: string, bytes: Uint8Array): void {
  try {
    writeFileSync(to, bytes)
  } catch (error) {
    throw writeFailed(to, error as {code?: string; message: string})
  }
}

export function writeFailed(path: string, error: {code?: string; message: string}): AigogoError {
  const code = error.code ?? 'unknown'
  const hint =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'free some space on the disk that holds AIGOGO_HOME, or point AIGOGO_HOME at another disk'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'check that you may write to AIGOGO_HOME (its tmp and cache folders)'
        : 'check the disk that holds AIGOGO_HOME'
  // Node's message repeats the path after a comma ("ENOSPC: no space left on device, open '<path>'").
  return preconditionError('FILE_WRITE_FAILED', `could not write ${path}: ${error.message.split(', ')[0]}`, [hint, 'then run the command again (nothing was changed)'], {file: path, reason: code})
}
