/** The store, the package sources, the languages and the trust policy, through capabilities (never another plugin's files). */
import {aigogoDirs, anyTrustPolicy, capability, capabilityProviders, findLanguage, languageNames, type PluginSet} from '@aigogo/sdk/core'

import type {PackageSources} from './resolve-packages.js'

export async function packageSources(plugins: PluginSet): Promise<PackageSources> {
  const [store, sources] = await Promise.all([capability(plugins, 'store'), capabilityProviders(plugins, 'package-source')])
  // No policy file for this project: nothing to enforce, and the signing plugin is not loaded. A
  // policy file without a plugin to enforce it is CAPABILITY_MISSING: it must not pass packages silently.
  const trust = async (projectDir: string) => (anyTrustPolicy(aigogoDirs(), projectDir) ? capability(plugins, 'package-trust') : undefined)
  return {languages: {find: (name) => findLanguage(plugins, name), names: languageNames(plugins)}, sources, store, trust}
}
