/** Signing with a private key file (ECDSA P-256, SHA-256): what `aigogo sign --key` and `push --sign` use. */
import type {KeyObject} from 'node:crypto'

import {readPrivateKey} from '../keys/private-key.js'
import type {Signer, SignatureMaterial} from './signer.js'

export async function keyFileSigner(keyFile: string): Promise<{signer: Signer; publicKey: KeyObject}> {
  const {key, keyId, publicKey} = await readPrivateKey(keyFile)
  const signer: Signer = {
    identity: keyId,
    async sign(message: Uint8Array): Promise<SignatureMaterial> {
      const signature = process.getBuiltinModule('node:crypto').sign('sha256', message, key)
      // A signature that does not check against its own public key must never be published.
      if (!process.getBuiltinModule('node:crypto').verify('sha256', message, publicKey, signature)) throw new Error('the signature does not verify against the key it was made with')
      return {keyHint: keyId, signature}
    },
  }
  return {publicKey, signer}
}
