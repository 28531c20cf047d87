/**
 * Store layout, shared with the upstream tool:
 *   store/sha256/<hex[0:2]>/<hex>/files/<relpath>   package files, 0444; directories 0555
 *   store/sha256/<hex[0:2]>/<hex>/aigogo.json       the manifest bytes that were hashed, 0644
 */
import {aigogoDirs, usageError} from '@aigogo/sdk/core'
import {join} from 'node:path'

import {hexOf} from './integrity.js'

export function packageDir(integrity: string, env: NodeJS.ProcessEnv = process.env): string {
  const hex = hexOf(integrity)
  if (hex === undefined) {
    throw usageError('INTEGRITY_INVALID', `"${integrity}" is not a sha256 integrity`, ['an integrity looks like sha256:<64 lower-case hex digits>'], {integrity})
  }
  return join(aigogoDirs(env).store, 'sha256', hex.slice(0, 2), hex)
}

export const FILES_DIR = 'files'
export const STORE_MANIFEST = 'aigogo.json'
