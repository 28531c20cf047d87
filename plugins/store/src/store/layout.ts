/**
 * Store layout, shared with the upstream tool:
 *   store/sha256/<hex[0:2]>/<hex>/files/<relpath>   package files, 0444; directories 0555
 *   store/sha256/<hex[0:2]>/<hex>/aigogo.json       the manifest bytes that were hashed, 0644
 */
import {aigogoDirs, usageError} from '@aigogo/sdk/core'
import {join} from 'node:path'

/** "sha256:<64 hex>" or a bare hex digest, as lock files may hold either; undefined otherwise. */
export function hexOf(integrity: string): string | undefined {
  const hex = integrity.startsWith('sha256:') ? integrity.slice(7) : integrity
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined
}

export function packageDir(integrity: string, env: NodeJS.ProcessEnv = process.env): string {
  const hex = hexOf(integrity)
  if (hex === undefined) {
    throw usageError('INTEGRITY_INVALID', `"${integrity}" is not a sha256 integrity`, ['an integrity looks like sha256:<64 lower-case hex digits>'], {integrity})
  }
  return join(storeRoot(env), 'sha256', hex.slice(0, 2), hex)
}

// An install asks for a thousand package paths; resolving AIGOGO_HOME each time showed in profiles.
// Keyed by what the answer depends on: AIGOGO_HOME (relative to the working directory), else HOME.
let known: {key: string; root: string} | undefined
function storeRoot(env: NodeJS.ProcessEnv): string {
  const key = `${env.AIGOGO_HOME}\0${env.HOME}\0${process.cwd()}`
  if (known?.key !== key) known = {key, root: aigogoDirs(env).store}
  return known.root
}

export const FILES_DIR = 'files'
export const STORE_MANIFEST = 'aigogo.json'
