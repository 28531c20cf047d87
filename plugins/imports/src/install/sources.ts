/** The store and the package sources, through capabilities (never another plugin's files). */
import {capability, capabilityProviders, type PluginSet} from '@aigogo/sdk/core'

import type {PackageSources} from './resolve-packages.js'

export async function packageSources(plugins: PluginSet): Promise<PackageSources> {
  const [store, sources] = await Promise.all([capability(plugins, 'store'), capabilityProviders(plugins, 'package-source')])
  return {sources, store}
}
