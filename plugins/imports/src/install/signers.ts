/**
 * The signer the lock records against the one the trust policy verified now. The lock is only
 * written by `add`; install reports what changed and, with --frozen, refuses to go on.
 *
 * - locked X, verified Y (a re-signed package, another key now allowed): a change.
 * - locked X, none now (no policy scope covers the package any more, or no policy file applies):
 *   a change, since the lock promises a verified signer that nothing checked this time.
 * - nothing locked, Y now (a policy adopted after the package was added): not a change; the
 *   package passed a stricter check than the lock asks for. `aigogo add` records Y.
 */
import {preconditionError} from '@aigogo/sdk/core'

import type {ResolvedPackage} from './resolve-packages.js'

export interface SignerChange {
  package: string
  source: string
  locked: string
  /** Undefined: no policy scope verified a signer this time. */
  current?: string
}

/**
 * `policyApplies`: whether any trust policy applied to this install. Without one, nothing verified
 * any signer, so every locked signer is missing now (the policy file was removed, or is not there).
 */
export function signerChanges(resolved: readonly ResolvedPackage[], policyApplies: boolean): SignerChange[] {
  const changes: SignerChange[] = []
  for (const p of resolved) {
    const locked = p.entry.signer
    // Under a policy, only packages it was checked for (registry ones, see resolve-packages.ts) compare.
    if (locked === undefined || locked === p.signer || (policyApplies && !p.verified)) continue
    changes.push({locked, package: p.key, source: p.entry.source, ...(p.signer ? {current: p.signer} : {})})
  }
  return changes
}

function describe(change: SignerChange): string {
  return `${change.package}: locked ${change.locked}, ${change.current ? `now signed by ${change.current}` : 'now verified by no key (no trust policy covers it)'}`
}

/** install --frozen: a changed signer stops the install before anything is wired. */
export function refuseSignerChanges(changes: readonly SignerChange[]): void {
  if (changes.length === 0) return
  throw preconditionError('SIGNER_CHANGED', `the verified signer of ${changes.map((c) => c.package).join(', ')} is not the one aigogo.lock records: ${changes.map(describe).join('; ')}`, [
    'nothing was installed',
    ...(changes.some((c) => !c.current) ? ['a signer that is now missing: restore the trust policy (aigogo.trust.json beside aigogo.lock, or aigogo trust add) that verified it'] : []),
    ...changes.map((c) => `if the new signer is expected (a rotated key), record it: aigogo add ${c.source}`),
    'otherwise find out who signed the package before you trust it: aigogo info <ref>',
  ], {changes})
}

/** Without --frozen: the policy accepted the package; the change is told, and the lock left as it is. */
export function signerWarnings(changes: readonly SignerChange[]): string[] {
  return changes.map((c) => `${describe(c)}; the trust policy accepted it. Record the new signer with: aigogo add ${c.source} (install --frozen refuses this)`)
}
