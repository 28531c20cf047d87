/**
 * `aigogo keygen`: an ECDSA P-256 key pair, written as <prefix>.key (PKCS#8 PEM, mode 0600,
 * encrypted when there is a passphrase) and <prefix>.pub (SPKI PEM). Both are staged beside their
 * target and linked into place, which fails rather than replace a file that appeared meanwhile:
 * an existing key is never overwritten, and a failure leaves neither file behind.
 */
import {generateKeyPairSync} from 'node:crypto'
import {link, lstat, mkdir, open, rename, rm} from 'node:fs/promises'
import {basename, dirname, resolve} from 'node:path'

import {internalError, messageOf, preconditionError, stagingPathFor, usageError} from '@aigogo/sdk/core'

import {keyIdOf} from './key-id.js'

export interface GeneratedKeys {
  privateKeyFile: string
  publicKeyFile: string
  keyId: string
  encrypted: boolean
}

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false)

export function keyFilesFor(prefix: string): {privateKeyFile: string; publicKeyFile: string} {
  const path = resolve(prefix)
  if (prefix.trim() === '' || /[/\\]$/.test(prefix) || basename(path) === '') {
    throw usageError('KEY_OUT_INVALID', `--out ${JSON.stringify(prefix)} is not a file name prefix`, [
      'give a path without extension: aigogo keygen --out keys/release (writes keys/release.key and keys/release.pub)',
    ])
  }
  return {privateKeyFile: `${path}.key`, publicKeyFile: `${path}.pub`}
}

async function stage(target: string, data: string, mode: number): Promise<string> {
  const staging = stagingPathFor(target, 'keygen')
  const handle = await open(staging, 'wx', mode)
  try {
    await handle.chmod(mode)
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  return staging
}

/** Puts the staged file at target unless something is there (hard link: atomic, never replaces). */
async function place(staging: string, target: string): Promise<void> {
  try {
    await link(staging, target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw refuseOverwrite([target])
    // A filesystem without hard links: check, then rename (a race with another writer is the only loss).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error
    if (await exists(target)) throw refuseOverwrite([target])
    await rename(staging, target)
  }
}

function refuseOverwrite(files: string[]): Error {
  return preconditionError('KEY_EXISTS', `${files.join(' and ')} already ${files.length > 1 ? 'exist' : 'exists'}: keygen never overwrites a key`, [
    'choose another prefix: aigogo keygen --out <prefix>',
    'or move the old key pair aside first (packages signed with it stay verifiable only with its .pub)',
  ], {files})
}

export async function generateKeys(prefix: string, passphrase: string | undefined): Promise<GeneratedKeys> {
  const {privateKeyFile, publicKeyFile} = keyFilesFor(prefix)
  const present = []
  for (const file of [privateKeyFile, publicKeyFile]) if (await exists(file)) present.push(file)
  if (present.length > 0) throw refuseOverwrite(present)
  await mkdir(dirname(privateKeyFile), {recursive: true})

  const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'})
  const privatePem = privateKey.export({format: 'pem', type: 'pkcs8', ...(passphrase === undefined ? {} : {cipher: 'aes-256-cbc', passphrase})}).toString()
  const publicPem = publicKey.export({format: 'pem', type: 'spki'}).toString()

  const stages: string[] = []
  const placed: string[] = []
  try {
    stages.push(await stage(privateKeyFile, privatePem, 0o600), await stage(publicKeyFile, publicPem, 0o644))
    await place(stages[0]!, privateKeyFile)
    placed.push(privateKeyFile)
    await place(stages[1]!, publicKeyFile)
    placed.push(publicKeyFile)
  } catch (error) {
    // Only what this call placed is removed: a file another process wrote stays.
    for (const file of placed) await rm(file, {force: true})
    if ((error as {code?: string}).code === 'KEY_EXISTS') throw error
    throw internalError('KEYGEN_FAILED', `cannot write the key pair ${privateKeyFile} / ${publicKeyFile}: ${messageOf(error)}`, [
      `check that ${dirname(privateKeyFile)} is writable; nothing was written`,
    ])
  } finally {
    for (const staging of stages) await rm(staging, {force: true})
  }
  return {encrypted: passphrase !== undefined, keyId: keyIdOf(publicKey), privateKeyFile, publicKeyFile}
}
