/**
 * `push --sign --key <file>`, after the push (the flags and the key were checked before it, see
 * sign-flags.ts): the pushed manifest is resolved by digest and signed. Loaded only when signing.
 */
import {AigogoError, type PackageSignature, type PackageTrustCapability} from '@aigogo/sdk/core'

import referrers from './capabilities/referrers.js'
import {resolvePackage} from './resolve-package.js'
import {parseReference} from './reference.js'
import {subjectOf} from './referrers/subject-of.js'
import type {Session} from './session.js'

export interface SignRequest {
  trust: PackageTrustCapability
  keyFile: string
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
