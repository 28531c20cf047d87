/** A Sigstore bundle (v0.3, message signature over the manifest) as the bytes of a referrer's payload. */

import type {SignatureMaterial} from '../signer/signer.js'
import {sigstoreBundle} from './sigstore.js'

export async function buildBundle(manifestBytes: Uint8Array, material: SignatureMaterial): Promise<Uint8Array> {
  const {bundleToJSON, toMessageSignatureBundle} = await sigstoreBundle()
  const bundle = toMessageSignatureBundle({
    digest: process.getBuiltinModule('node:crypto').createHash('sha256').update(manifestBytes).digest(),
    signature: material.signature,
    ...(material.keyHint === undefined ? {} : {keyHint: material.keyHint}),
  })
  return new TextEncoder().encode(JSON.stringify(bundleToJSON(bundle)))
}
