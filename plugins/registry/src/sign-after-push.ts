/**
 * `push --sign --key <file>`: what can be checked before anything is pushed is checked first (a
 * provider of package trust, a readable key file), so a refused signing never leaves a package
 * pushed unsigned by surprise; then the pushed manifest is resolved by digest and signed.
 */
import {constants} from 'node:fs'
import {access, stat} from 'node:fs/promises'
import {resolve} from 'node:path'

import {AigogoError, type PackageSignature, type PackageTrustCapability, preconditionError, usageError} from '@aigogo/sdk/core'

import referrers from './capabilities/referrers.js'
import {resolvePackage} from './pull.js'
import {parseReference} from './reference.js'
import {subjectOf} from './referrers/subject-of.js'
import type {Session} from './session.js'

export interface SignRequest {
  trust: PackageTrustCapability
  keyFile: string
}

/** The flags' combination and the key file, before the push; the caller has the capability already. */
export async function checkSignFlags(flags: {sign?: boolean; key?: string}): Promise<string | undefined> {
  if (!flags.sign && flags.key === undefined) return undefined
  if (!flags.sign) throw usageError('SIGN_FLAG_MISSING', '--key is only used with --sign', ['sign as you push: aigogo push <ref> --from <build> --sign --key <private key file>'])
  if (flags.key === undefined || flags.key === '') throw usageError('SIGN_KEY_MISSING', '--sign needs the private key to sign with: --key <file>', ['create a key pair: aigogo keygen --out <prefix>', 'then: aigogo push <ref> --from <build> --sign --key <prefix>.key'])
  const keyFile = resolve(flags.key)
  const isFile = await stat(keyFile).then((s) => s.isFile(), () => false)
  const readable = isFile && (await access(keyFile, constants.R_OK).then(() => true, () => false))
  if (!readable) {
    throw preconditionError('KEY_NOT_FOUND', `cannot read the signing key ${keyFile}: ${isFile ? 'permission denied' : 'no such file'}`, [
      'nothing was pushed',
      'check the path, or create a key pair: aigogo keygen --out <prefix>',
    ], {keyFile})
  }
  return keyFile
}

/** Signs the manifest just pushed, fetched again by its digest (so the signature covers what the registry holds). */
export async function signPushed(session: Session, target: string, digest: string, request: SignRequest): Promise<PackageSignature> {
  const ref = parseReference(target)
  const pinned = `${ref.registry}/${ref.repository}@${digest}`
  try {
    const resolved = await resolvePackage(session, pinned)
    return await request.trust.sign(subjectOf(resolved), {keyFile: request.keyFile, referrers})
  } catch (error) {
    if (!AigogoError.is(error)) throw error
    // The push itself went through: say so, and how to sign it afterwards.
    throw new AigogoError(`${error.message} (the package was pushed as ${pinned}, but it is not signed)`, {
      bucket: error.bucket,
      cause: error,
      code: error.code,
      details: {...error.details, pushed: pinned},
      hints: [...error.hints, `sign it once the problem is fixed: aigogo sign ${pinned} --key ${request.keyFile}`],
    })
  }
}
