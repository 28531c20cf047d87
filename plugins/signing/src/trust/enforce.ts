/** The policy check before a package enters the store (add, install, pull): see PackageTrustCapability.enforce. */
import type {ReferrerSubject, TrustContext, TrustDecision} from '@aigogo/sdk/core'

import {applicableScopes, loadPolicies, type ApplicableScope} from '../policy/policies.js'
import {type Requirement, requireReferrers, signatureInvalid, signatureMissing, signatureUntrusted} from './errors.js'
import {findSignatures, judge} from './signatures.js'

export function requirementOf(scope: ApplicableScope): Requirement {
  return {
    file: scope.file,
    keyIds: scope.keys.map((k) => k.keyId),
    scope: scope.scope.text,
    what: `the ${scope.source} trust policy (scope ${scope.scope.text} in ${scope.file})`,
  }
}

export async function enforce(subject: ReferrerSubject, context: TrustContext = {}): Promise<TrustDecision> {
  const scopes = applicableScopes(await loadPolicies(context.projectDir), subject.registry, subject.repository)
  if (scopes.length === 0) return {}
  const signatures = await findSignatures(subject, requireReferrers(context.referrers))
  let decision: TrustDecision = {}
  for (const scope of scopes) {
    const requirement = requirementOf(scope)
    if (signatures.length === 0) throw signatureMissing(subject, requirement)
    const verdict = await judge(signatures, subject.manifestBytes, scope.keys)
    if (!verdict.signer) {
      if (verdict.invalid.length > 0) throw signatureInvalid(subject, requirement, verdict.invalid)
      throw signatureUntrusted(subject, requirement, verdict.untrusted)
    }
    // The project's scope comes last and is the one reported: the lock beside it records its signer.
    decision = {policyFile: scope.file, scope: scope.scope.text, signer: verdict.signer.keyId}
  }
  return decision
}
