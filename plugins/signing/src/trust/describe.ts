/** A package's signatures as `info` shows them: key ids, and whether a key the policy trusts for it checks them. */
import type {PackageSignature, ReferrerSubject, TrustContext} from '@aigogo/sdk/core'

import {bundleVerifies} from '../bundle/verify.js'
import {applicableScopes, loadPolicies} from '../policy/policies.js'
import type {TrustedKey} from '../policy/policy-file.js'
import {requireReferrers} from './errors.js'
import {findSignatures} from './signatures.js'

export async function describe(subject: ReferrerSubject, context: TrustContext = {}): Promise<PackageSignature[]> {
  // The policy files are read while the registry lists the signatures.
  const [signatures, policies] = await Promise.all([findSignatures(subject, requireReferrers(context.referrers)), loadPolicies(context.projectDir)])
  const trusted = new Map<string, TrustedKey>()
  for (const scope of applicableScopes(policies, subject.registry, subject.repository)) {
    for (const key of scope.keys) trusted.set(key.keyId, key)
  }
  const described: PackageSignature[] = []
  for (const signature of signatures) {
    const referrer = signature.referrer.digest
    if (signature.kind !== 'key') {
      described.push({keyId: '', referrer, ...(signature.kind === 'invalid' ? {invalid: signature.reason, verified: false} : {invalid: signature.reason})})
      continue
    }
    const key = trusted.get(signature.keyHint)
    const verified = key ? await bundleVerifies(signature.bundle, subject.manifestBytes, key.key) : undefined
    described.push({keyId: signature.keyHint, referrer, ...(verified === undefined ? {} : {verified}), ...(verified === false ? {invalid: 'does not verify over this manifest'} : {})})
  }
  return described
}
