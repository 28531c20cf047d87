/**
 * Which trust policy files apply to a registry command run in a directory. Node built-ins and the
 * SDK core only: the pull fast path asks this before it answers.
 */
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'

import {type AigogoDirs, anyTrustPolicy, capability, type PackageTrustCapability, type PluginSet, PROJECT_TRUST_POLICY_FILE} from '@aigogo/sdk/core'

/** What marks a project's root: its lock (the imports plugin's file) or its trust policy. */
const PROJECT_MARKERS = ['aigogo.lock', PROJECT_TRUST_POLICY_FILE]

/**
 * The project a pull in `cwd` belongs to: the nearest directory upwards holding aigogo.lock or
 * aigogo.trust.json, so `pull` honours the same project policy that `add` and `install` do there.
 */
export function projectDirFor(cwd: string): string | undefined {
  let dir = cwd
  for (;;) {
    if (PROJECT_MARKERS.some((name) => existsSync(join(dir, name)))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** Whether a policy file applies (the user's, or the project's): then a trust provider is required. */
export function policyApplies(dirs: Pick<AigogoDirs, 'home'>, projectDir: string | undefined): boolean {
  return anyTrustPolicy(dirs, projectDir)
}

/**
 * The trust provider a command must use: none when no policy file applies (nothing to enforce, and
 * the signing plugin is not even loaded); when one does, the 'package-trust' capability, or
 * CAPABILITY_MISSING: a policy nobody enforces must not pass packages silently.
 */
export async function trustFor(plugins: PluginSet, dirs: Pick<AigogoDirs, 'home'>, projectDir: string | undefined): Promise<PackageTrustCapability | undefined> {
  return policyApplies(dirs, projectDir) ? capability(plugins, 'package-trust') : undefined
}
