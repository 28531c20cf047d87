import {dataError, sha256Hex} from '@aigogo/sdk/core'

// Manifests, configs and signature bundles are small: the SDK hashes them without loading node:crypto.
export {sha256Hex}

export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${sha256Hex(bytes)}`
}

/** The hex part of a sha256 digest, refusing anything else (it becomes a file name). */
export function digestHex(digest: string): string {
  const match = /^sha256:([a-f0-9]{64})$/.exec(digest)
  if (!match) throw dataError('DIGEST_UNSUPPORTED', `unsupported or malformed digest "${digest}" (only sha256 is supported)`)
  return match[1]!
}
