/** A package's signatures: the referrers of the bundle type, fetched and read, each with what it is. */
import {AigogoError, type ReferrerDescriptor, type ReferrerSubject, type ReferrersCapability} from '@aigogo/sdk/core'

import {bundleVerifies} from '../bundle/verify.js'
import {readBundle, type ReadBundle} from '../bundle/read.js'
import {MAX_SIGNATURES, SIGSTORE_BUNDLE_MEDIA_TYPE} from '../constants.js'
import type {TrustedKey} from '../policy/policy-file.js'

export type FoundSignature = ReadBundle & {referrer: ReferrerDescriptor}

export async function findSignatures(subject: ReferrerSubject, referrers: ReferrersCapability): Promise<FoundSignature[]> {
  const {referrers: listed} = await referrers.list(subject, {artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE})
  // The list is the registry's word: keep only what claims to be a bundle, and a bounded number of them.
  const candidates = listed.filter((r) => r.artifactType === SIGSTORE_BUNDLE_MEDIA_TYPE).slice(0, MAX_SIGNATURES)
  const found: FoundSignature[] = []
  for (const referrer of candidates) {
    let payload: Uint8Array
    try {
      payload = await referrers.fetch(subject, referrer)
    } catch (error) {
      // A referrer that is not one well-formed payload is a bad signature; a network failure is not.
      if (AigogoError.is(error) && (error.bucket === 'data' || error.code.startsWith('REFERRER_'))) {
        found.push({kind: 'invalid', reason: `its payload cannot be read: ${error.message}`, referrer})
        continue
      }
      throw error
    }
    found.push({...(await readBundle(payload, subject.manifestBytes)), referrer})
  }
  return found
}

export interface Judgement {
  /** The allowed key whose signature verified, and its referrer. */
  signer?: {keyId: string; referrer: string}
  /** Signatures that name an allowed key and do not verify, or cannot be read at all. */
  invalid: Array<{referrer: string; reason: string}>
  /** Key ids (or descriptions) of well-formed signatures by keys that are not allowed. */
  untrusted: string[]
}

/**
 * Which allowed key signed the manifest. A bundle whose hint names an allowed key is checked with
 * that key (a failure is a tampered or forged signature); any other bundle is tried with each
 * allowed key (other Sigstore tools may write other hints), and is untrusted when none verifies.
 */
export async function judge(signatures: readonly FoundSignature[], manifestBytes: Uint8Array, allowed: readonly TrustedKey[]): Promise<Judgement> {
  const result: Judgement = {invalid: [], untrusted: []}
  for (const signature of signatures) {
    if (signature.kind === 'invalid') {
      result.invalid.push({reason: signature.reason, referrer: signature.referrer.digest})
      continue
    }
    if (signature.kind === 'foreign') {
      result.untrusted.push(signature.reason)
      continue
    }
    const named = allowed.find((k) => k.keyId === signature.keyHint)
    if (named) {
      if (await bundleVerifies(signature.bundle, manifestBytes, named.key)) return {...result, signer: {keyId: named.keyId, referrer: signature.referrer.digest}}
      result.invalid.push({reason: `the signature by ${named.keyId} does not verify over this manifest`, referrer: signature.referrer.digest})
      continue
    }
    for (const key of allowed) {
      if (await bundleVerifies(signature.bundle, manifestBytes, key.key)) return {...result, signer: {keyId: key.keyId, referrer: signature.referrer.digest}}
    }
    result.untrusted.push(signature.keyHint === '' ? 'a key without id' : signature.keyHint)
  }
  return result
}
