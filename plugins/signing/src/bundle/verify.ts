/** Checking a bundle's signature over the manifest with one public key, through @sigstore/verify. */
import type {KeyObject} from 'node:crypto'

import type {Bundle} from '@sigstore/bundle'

import {sigstoreVerify} from './sigstore.js'

/**
 * True when the bundle's signature verifies over manifestBytes with publicKey. Key-based bundles
 * carry no transparency-log entry nor timestamp, so those thresholds are 0; the key finder answers
 * every hint with the key under test (the hint is unauthenticated: it only says which key to try).
 */
export async function bundleVerifies(bundle: Bundle, manifestBytes: Uint8Array, publicKey: KeyObject): Promise<boolean> {
  const {Verifier, toSignedEntity, toTrustMaterial} = await sigstoreVerify()
  const noRoots = {certificateAuthorities: [], ctlogs: [], mediaType: '', timestampAuthorities: [], tlogs: []}
  const trust = toTrustMaterial(noRoots as unknown as Parameters<typeof toTrustMaterial>[0], () => ({publicKey, validFor: () => true}))
  const verifier = new Verifier(trust, {ctlogThreshold: 0, timestampThreshold: 0, tlogThreshold: 0})
  try {
    verifier.verify(toSignedEntity(bundle, Buffer.from(manifestBytes)))
    return true
  } catch {
    return false
  }
}
