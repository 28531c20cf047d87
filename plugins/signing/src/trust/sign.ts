/** Signing a registry package: a bundle over its manifest, attached as a referrer (`aigogo sign`, `push --sign`). */
import type {KeyObject} from 'node:crypto'

import type {PackageSignature, ReferrerSubject, ReferrersCapability} from '@aigogo/sdk/core'

import {buildBundle} from '../bundle/build.js'
import {bundleVerifies} from '../bundle/verify.js'
import {SIGSTORE_BUNDLE_MEDIA_TYPE} from '../constants.js'
import {keyFileSigner} from '../signer/key-file-signer.js'
import type {Signer} from '../signer/signer.js'
import {findSignatures} from './signatures.js'

export interface SignResult extends PackageSignature {
  /** A valid signature by this key was already attached: nothing was pushed. */
  existing: boolean
}

export async function signWith(signer: Signer, subject: ReferrerSubject, referrers: ReferrersCapability, options: {publicKey?: KeyObject} = {}): Promise<SignResult> {
  // Signing twice with one key adds nothing: a valid signature by it is already there.
  if (options.publicKey) {
    for (const found of await findSignatures(subject, referrers)) {
      if (found.kind === 'key' && found.keyHint === signer.identity && (await bundleVerifies(found.bundle, subject.manifestBytes, options.publicKey))) {
        return {existing: true, keyId: signer.identity, referrer: found.referrer.digest, verified: true}
      }
    }
  }
  const material = await signer.sign(subject.manifestBytes)
  const payload = await buildBundle(subject.manifestBytes, material)
  const descriptor = await referrers.attach(subject, {
    annotations: {
      'dev.aigogo.signature.key-id': signer.identity,
      'dev.sigstore.bundle.content': 'message-signature',
      'org.opencontainers.image.created': new Date().toISOString(),
    },
    artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
    payload,
    payloadMediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
  })
  return {existing: false, keyId: signer.identity, referrer: descriptor.digest, verified: true}
}

export async function signWithKeyFile(subject: ReferrerSubject, keyFile: string, referrers: ReferrersCapability): Promise<SignResult> {
  const {signer, publicKey} = await keyFileSigner(keyFile)
  return signWith(signer, subject, referrers, {publicKey})
}

/** For commands: the key is read and unlocked before the registry is asked anything, so a wrong key or passphrase costs no request. */
export async function signRefWithKeyFile(ref: string, keyFile: string, referrers: ReferrersCapability): Promise<SignResult & {subject: ReferrerSubject}> {
  const {signer, publicKey} = await keyFileSigner(keyFile)
  const subject = await referrers.resolve(ref)
  return {...(await signWith(signer, subject, referrers, {publicKey})), subject}
}
