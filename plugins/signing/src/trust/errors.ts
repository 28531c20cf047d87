/** The three ways a package fails a signature check. All are exit 3: what the registry served cannot be trusted. */
import {dataError, preconditionError, type ReferrersCapability, type ReferrerSubject} from '@aigogo/sdk/core'

export const subjectRef = (subject: ReferrerSubject): string => `${subject.registry}/${subject.repository}@${subject.digest}`

export interface Requirement {
  /** "keys allowed by scope ghcr.io/acme/* in /home/ada/.aigogo/trust-policy.json", or "the key sha256:…". */
  what: string
  scope?: string
  file?: string
  keyIds: string[]
}

function details(subject: ReferrerSubject, requirement: Requirement, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {digest: subject.digest, keyIds: requirement.keyIds, ref: subjectRef(subject), ...(requirement.scope ? {policyFile: requirement.file, scope: requirement.scope} : {}), ...extra}
}

export function signatureMissing(subject: ReferrerSubject, requirement: Requirement): Error {
  return dataError('SIGNATURE_MISSING', `${subjectRef(subject)} has no signature, and ${requirement.what} requires one`, [
    'ask the publisher to sign it: aigogo sign <ref> --key <their .key> (or push --sign)',
    ...(requirement.scope ? [`if this registry or repository should not need signatures, change the policy: aigogo trust remove ${requirement.scope}${requirement.file?.endsWith('aigogo.trust.json') ? ' --project' : ''}`] : []),
    'nothing was added, stored or installed',
  ], details(subject, requirement))
}

export function signatureUntrusted(subject: ReferrerSubject, requirement: Requirement, found: string[]): Error {
  return dataError('SIGNATURE_UNTRUSTED', `${subjectRef(subject)} is signed only by keys that ${requirement.what} does not allow (${found.join(', ')})`, [
    requirement.scope
      ? `if you trust the signer, add its public key: aigogo trust add ${requirement.scope} --key <signer.pub>${requirement.file?.endsWith('aigogo.trust.json') ? ' --project' : ''}`
      : 'verify with the key of the signer you expect: aigogo verify <ref> --key <signer.pub>',
    'nothing was added, stored or installed',
  ], details(subject, requirement, {signedBy: found}))
}

export function signatureInvalid(subject: ReferrerSubject, requirement: Requirement, problems: Array<{referrer: string; reason: string}>): Error {
  const first = problems[0]
  return dataError('SIGNATURE_INVALID', `${subjectRef(subject)} carries a signature that does not verify (${first ? first.reason : 'unreadable'}), and no valid signature by ${requirement.what}`, [
    'the package or its signature was changed after signing, or the signature was forged: do not use it',
    'tell the publisher; a fresh signature (aigogo sign) over the package they published fixes a damaged one',
    'nothing was added, stored or installed',
  ], details(subject, requirement, {problems}))
}

/** The referrers capability a capability call was given (see TrustContext.referrers). */
export function requireReferrers(referrers: ReferrersCapability | undefined): ReferrersCapability {
  if (referrers) return referrers
  throw preconditionError('CAPABILITY_MISSING', 'checking signatures needs the "referrers" capability, and the caller passed none', [
    'install the registry plugin, which provides it: aigogo plugins install registry',
    'plugin authors: pass {referrers: await capability(config, "referrers")} to the package-trust call',
  ], {capability: 'referrers'})
}
