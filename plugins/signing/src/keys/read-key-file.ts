/** Reading a key file with a size cap and coded errors that name the file; non-blocking, so a FIFO given as a key is refused, not waited on. */
import {constants} from 'node:fs'
import {open} from 'node:fs/promises'
import {resolve} from 'node:path'

import {internalError, messageOf, usageError} from '@aigogo/sdk/core'

import {MAX_KEY_FILE_BYTES} from '../constants.js'

export async function readKeyFile(file: string, what: 'private key' | 'public key'): Promise<string> {
  const path = resolve(file)
  let handle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw usageError('KEY_NOT_FOUND', `the ${what} file ${path} does not exist`, [
        what === 'private key' ? 'make a key pair: aigogo keygen --out <prefix> (writes <prefix>.key and <prefix>.pub)' : 'pass the .pub file aigogo keygen wrote (or the publisher gave you)',
      ], {file: path})
    }
    throw internalError('KEY_UNREADABLE', `cannot read the ${what} file ${path}: ${messageOf(error)}`, [`check the permissions of ${path}`], {file: path})
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw usageError('KEY_INVALID', `the ${what} ${path} is not a regular file`, ['pass the key file itself'], {file: path})
    if (stats.size > MAX_KEY_FILE_BYTES) {
      throw usageError('KEY_INVALID', `the ${what} ${path} is ${stats.size} bytes, larger than any PEM key (${MAX_KEY_FILE_BYTES} bytes at most)`, ['pass the key file itself'], {file: path})
    }
    const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1)
    const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}
