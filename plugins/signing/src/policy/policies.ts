/**
 * The policies that apply to a package: the user's, and the project's when a project directory is
 * known. Both are enforced: in each file, the most specific matching scope applies, so a project
 * file can add requirements (a team's keys) but never lift the user's.
 */
import {aigogoDirs, PROJECT_TRUST_POLICY_FILE, userTrustPolicyFile} from '@aigogo/sdk/core'
import {join} from 'node:path'

import {readPolicyFile, type PolicyFile, type PolicyScope} from './policy-file.js'
import {mostSpecific} from './scope.js'

export interface ApplicableScope extends PolicyScope {
  file: string
  source: PolicyFile['source']
}

export function policyFilePaths(projectDir?: string): {user: string; project?: string} {
  const user = userTrustPolicyFile(aigogoDirs())
  return projectDir === undefined ? {user} : {project: join(projectDir, PROJECT_TRUST_POLICY_FILE), user}
}

export async function loadPolicies(projectDir?: string): Promise<PolicyFile[]> {
  const paths = policyFilePaths(projectDir)
  const files = [await readPolicyFile(paths.user, 'user')]
  if (paths.project !== undefined) files.push(await readPolicyFile(paths.project, 'project'))
  return files.filter((file): file is PolicyFile => file !== undefined)
}

/** One entry per policy file that covers the package (user's first). */
export function applicableScopes(policies: readonly PolicyFile[], registry: string, repository: string): ApplicableScope[] {
  const found: ApplicableScope[] = []
  for (const policy of policies) {
    const scope = mostSpecific(policy.scopes, registry, repository)
    if (scope) found.push({...scope, file: policy.file, source: policy.source})
  }
  return found
}
