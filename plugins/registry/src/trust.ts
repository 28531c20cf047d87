/**
 * Enforcing the trust policy (capability 'package-trust') on a resolved package, before anything
 * of it is downloaded or stored.
 */
import type {PackageTrustCapability, TrustContext, TrustDecision} from '@aigogo/sdk/core'

import type {ResolvedPackage} from './resolve-package.js'
import type {Session} from './session.js'
import referrers from './capabilities/referrers.js'
import {type PrefetchedReferrers, referrersOn} from './referrers/on-session.js'
import {subjectOf} from './referrers/subject-of.js'

/**
 * The policy's verdict on a resolved package: nothing to say when no scope covers it; otherwise
 * a signature by an allowed key verified over the manifest, or the capability's coded error.
 */
export async function enforceTrust(resolved: ResolvedPackage, trust: PackageTrustCapability | undefined, projectDir: string | undefined): Promise<TrustDecision | undefined> {
  if (!trust) return undefined
  const context = trustContext(projectDir, resolved.repository.session)
  if (!(await trust.covers(resolved.ref.registry, resolved.ref.repository, context))) return undefined
  return trust.enforce(subjectOf(resolved), context)
}

/**
 * What a package-trust call gets: the project, and this plugin's own referrers (signatures travel
 * as referrers), over the caller's session when it has one, answering from a listing already
 * under way for the subject.
 */
export function trustContext(projectDir: string | undefined, session?: Session, prefetched?: PrefetchedReferrers): TrustContext {
  return {referrers: session ? referrersOn(session, prefetched) : referrers, ...(projectDir === undefined ? {} : {projectDir})}
}
