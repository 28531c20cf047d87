/** Changing a policy file: read under a lock, change, write staged and renamed (or remove it when no scope is left). */
import {createHash} from 'node:crypto'
import {rm} from 'node:fs/promises'
import {join} from 'node:path'

import {aigogoDirs, PROJECT_TRUST_POLICY_FILE, quoteUntrusted, usageError, userTrustPolicyFile, withLock} from '@aigogo/sdk/core'

import {readPolicyFile, writePolicyFile, type PolicyFile, type PolicySource} from './policy-file.js'
import {projectDirFrom} from './project.js'
import {parseScope, type Scope} from './scope.js'

export interface PolicyTarget {
  file: string
  source: PolicySource
}

/** The user's policy, or with --project the one beside the nearest aigogo.lock (cwd when there is none yet). */
export async function policyTarget(project: boolean, cwd: string): Promise<PolicyTarget> {
  if (!project) return {file: userTrustPolicyFile(aigogoDirs()), source: 'user'}
  const {dir} = await projectDirFrom(cwd)
  return {file: join(dir, PROJECT_TRUST_POLICY_FILE), source: 'project'}
}

export function scopeArgument(text: string): Scope {
  const scope = parseScope(text)
  if (typeof scope === 'string') {
    throw usageError('TRUST_SCOPE_INVALID', `${quoteUntrusted(text, 120)} is not a trust scope: ${scope}`, [
      'write <registry>/<repository>, <registry>/<path>/* (one level), <registry>/<path>/** (any depth), <registry>/** or * (everything)',
      'for example: aigogo trust add ghcr.io/acme/* --key acme.pub',
    ], {scope: text.slice(0, 300)})
  }
  return scope
}

export async function editPolicy<T>(target: PolicyTarget, change: (policy: PolicyFile) => T): Promise<T> {
  const id = createHash('sha256').update(target.file).digest('hex').slice(0, 16)
  return withLock(join(aigogoDirs().locks, `trust-policy-${id}.lock`), async () => {
    const policy = (await readPolicyFile(target.file, target.source)) ?? {file: target.file, scopes: [], source: target.source}
    const result = change(policy)
    // An empty policy is no policy: removing the file lets the fast paths (which only look for it) run again.
    if (policy.scopes.length === 0) await rm(target.file, {force: true})
    else await writePolicyFile(policy)
    return result
  }, {what: `the trust policy ${target.file}`})
}
