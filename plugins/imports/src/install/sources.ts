/** The store, the package sources and the languages, through capabilities (never another plugin's files). */
import {capability, capabilityProviders, findLanguage, languageNames, type PluginSet} from '@aigogo/sdk/core'

import type {PackageSources} from './resolve-packages.js'

export async function packageSources(plugins: PluginSet): Promise<PackageSources> {
  const [store, sources] = await Promise.all([capability(plugins, 'store'), capabilityProviders(plugins, 'package-source')])
  return {languages: {find: (name) => findLanguage(plugins, name), names: languageNames(plugins)}, sources, store}
}
