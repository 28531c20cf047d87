/**
 * The one key type aigogo signs and verifies with: ECDSA on P-256 (what cosign generate-key-pair
 * makes). Ed25519 would be smaller, but @sigstore/verify 3.x hashes the message before it calls
 * verify, which Ed25519 (a pure signature over the message) refuses: such a bundle could not be
 * checked by aigogo nor by sigstore-js tools.
 */
import type {KeyObject} from 'node:crypto'

export const KEY_TYPE = 'ECDSA P-256'

/** Why the key is not usable, or undefined when it is an EC key on P-256. */
export function keyTypeProblem(key: KeyObject): string | undefined {
  if (key.asymmetricKeyType !== 'ec') return `it is a ${key.asymmetricKeyType ?? 'symmetric'} key, not ${KEY_TYPE}`
  const curve = key.asymmetricKeyDetails?.namedCurve
  if (curve !== 'prime256v1') return `it is an EC key on ${curve ?? 'an unnamed curve'}, not on P-256`
  return undefined
}
