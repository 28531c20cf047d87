/** Loading a signing key: PEM PKCS#8 (or SEC1), optionally encrypted, ECDSA P-256 only. */
import type {KeyObject} from 'node:crypto'
import {resolve} from 'node:path'

import {preconditionError, usageError} from '@aigogo/sdk/core'

import {PASSWORD_ENV} from '../constants.js'
import {keyIdOf} from './key-id.js'
import {KEY_TYPE, keyTypeProblem} from './key-type.js'
import {unlockPassphrase} from './passphrase.js'
import {readKeyFile} from './read-key-file.js'

export interface PrivateKeyInfo {
  key: KeyObject
  publicKey: KeyObject
  keyId: string
}

const PRIVATE_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/

export function isEncryptedPem(text: string): boolean {
  return text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /Proc-Type:\s*4,\s*ENCRYPTED/.test(text)
}

export async function readPrivateKey(file: string): Promise<PrivateKeyInfo> {
  const path = resolve(file)
  const text = await readKeyFile(path, 'private key')
  if (!PRIVATE_PEM.test(text)) {
    const why = text.includes('-----BEGIN PUBLIC KEY-----') ? 'it is a public key (sign with the .key file, verify with the .pub file)' : 'it is not a PEM private key'
    throw usageError('KEY_INVALID', `${path} cannot sign: ${why}`, ['pass the <prefix>.key file aigogo keygen wrote'], {file: path})
  }
  if (text.includes('SIGSTORE PRIVATE KEY-----')) {
    throw usageError('KEY_UNSUPPORTED', `${path} is in cosign's own encrypted key format, which aigogo cannot read`, [
      'sign with a key from aigogo keygen (PKCS#8 PEM); cosign can use that one too: cosign import-key-pair --key <prefix>.key',
    ], {file: path})
  }
  let passphrase: string | undefined
  if (isEncryptedPem(text)) {
    passphrase = await unlockPassphrase(path)
    if (passphrase === undefined) {
      throw preconditionError('KEY_PASSWORD_REQUIRED', `${path} is encrypted, and there is no passphrase to unlock it`, [
        `set ${PASSWORD_ENV} to its passphrase (in CI: from a secret), or run the command on a terminal to be asked`,
      ], {file: path})
    }
  }
  let key: KeyObject
  try {
    key = process.getBuiltinModule('node:crypto').createPrivateKey({format: 'pem', key: text, ...(passphrase === undefined ? {} : {passphrase})})
  } catch {
    // Node's message says nothing of the passphrase, but a fixed text is surer than passing it on.
    if (passphrase !== undefined) {
      throw usageError('KEY_PASSWORD_WRONG', `the passphrase does not unlock ${path}`, [
        `check ${PASSWORD_ENV} (or what you typed); nothing was signed`,
      ], {file: path})
    }
    throw usageError('KEY_INVALID', `${path} is not a valid PEM private key`, ['pass the <prefix>.key file aigogo keygen wrote'], {file: path})
  }
  const problem = keyTypeProblem(key)
  if (problem) {
    throw usageError('KEY_UNSUPPORTED', `${path} cannot sign: ${problem}`, [`aigogo signs with ${KEY_TYPE} keys: make one with aigogo keygen --out <prefix>`], {file: path})
  }
  const publicKey = process.getBuiltinModule('node:crypto').createPublicKey(key)
  return {key, keyId: keyIdOf(publicKey), publicKey}
}
