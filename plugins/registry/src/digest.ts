import {createHash} from 'node:crypto'
import {dataError} from '@aigogo/sdk/core'

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${sha256Hex(bytes)}`
}

/** The hex part of a sha256 digest, refusing anything else (it becomes a file name). */
export function digestHex(digest: string): string {
  const match = /^sha256:([a-f0-9]{64})$/.exec(digest)
  if (!match) throw dataError('DIGEST_UNSUPPORTED', `unsupported or malformed digest "${digest}" (only sha256 is supported)`)
  return match[1]!
}
