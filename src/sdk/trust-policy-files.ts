/**
 * Where trust policies live. The signing plugin reads and writes them; other plugins' fast paths
 * only need to know whether one exists (a package pulled under a policy takes the full path),
 * without loading the signing plugin.
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import type {AigogoDirs} from './dirs.js'

/** The project's policy, committed beside aigogo.lock so that a team enforces the same keys. */
export const PROJECT_TRUST_POLICY_FILE = 'aigogo.trust.json'

/** The user's policy: AIGOGO_HOME/trust-policy.json. */
export function userTrustPolicyFile(dirs: Pick<AigogoDirs, 'home'>): string {
  return join(dirs.home, 'trust-policy.json')
}

/** The policy files that apply, user's first; the project's only when a project directory is known. */
export function trustPolicyFiles(dirs: Pick<AigogoDirs, 'home'>, projectDir?: string): string[] {
  return projectDir === undefined ? [userTrustPolicyFile(dirs)] : [userTrustPolicyFile(dirs), join(projectDir, PROJECT_TRUST_POLICY_FILE)]
}

/** Synchronous and cheap, for fast paths: true when any policy file that applies exists. */
export function anyTrustPolicy(dirs: Pick<AigogoDirs, 'home'>, projectDir?: string): boolean {
  return trustPolicyFiles(dirs, projectDir).some((file) => existsSync(file))
}
