/** Key ids: "sha256:<hex>" of the public key's DER SubjectPublicKeyInfo, the same for a key wherever it is stored. */
import type {KeyObject} from 'node:crypto'

export const KEY_ID = /^sha256:[0-9a-f]{64}$/

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({format: 'der', type: 'spki'})
  return `sha256:${process.getBuiltinModule('node:crypto').createHash('sha256').update(der).digest('hex')}`
}
