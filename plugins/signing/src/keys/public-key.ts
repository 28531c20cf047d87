/** Public keys: PEM (SPKI), ECDSA P-256, with their key id. */
import type {KeyObject} from 'node:crypto'
import {resolve} from 'node:path'

import {quoteUntrusted, usageError} from '@aigogo/sdk/core'

import {keyIdOf} from './key-id.js'
import {KEY_TYPE, keyTypeProblem} from './key-type.js'
import {readKeyFile} from './read-key-file.js'

export interface PublicKeyInfo {
  keyId: string
  /** The canonical PEM (as node exports it), what a policy file stores. */
  pem: string
  key: KeyObject
}

const PUBLIC_PEM = /^\s*-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/

/** Parses a PEM public key; the reason it is not one (for the caller's error), or the key. */
export function parsePublicKey(text: string): PublicKeyInfo | string {
  if (text.includes('PRIVATE KEY-----')) return 'it is a private key: pass the .pub file, and keep the .key file secret'
  if (!PUBLIC_PEM.test(text)) return 'it is not one PEM public key ("-----BEGIN PUBLIC KEY-----")'
  let key: KeyObject
  try {
    key = process.getBuiltinModule('node:crypto').createPublicKey({format: 'pem', key: text})
  } catch {
    return 'its PEM content is not a valid public key'
  }
  const problem = keyTypeProblem(key)
  if (problem) return `${problem} (aigogo signs with ${KEY_TYPE} keys only)`
  return {key, keyId: keyIdOf(key), pem: key.export({format: 'pem', type: 'spki'}).toString()}
}

export async function readPublicKey(file: string): Promise<PublicKeyInfo> {
  const text = await readKeyFile(file, 'public key')
  const parsed = parsePublicKey(text)
  if (typeof parsed === 'string') {
    throw usageError('KEY_INVALID', `${quoteUntrusted(resolve(file), 200)} is not a usable public key: ${parsed}`, [
      `pass an ${KEY_TYPE} public key in PEM, as aigogo keygen writes it (<prefix>.pub)`,
    ], {file: resolve(file)})
  }
  return parsed
}
