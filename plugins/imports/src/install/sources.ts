/** The store, the package sources and the languages, through capabilities (never another plugin's files). */
import type {Config} from '@oclif/core'

import {capability, capabilityProviders, findLanguage, languageNames} from '@aigogo/sdk/core'

import type {PackageSources} from './resolve-packages.js'

export async function packageSources(config: Config): Promise<PackageSources> {
  const [store, sources] = await Promise.all([capability(config, 'store'), capabilityProviders(config, 'package-source')])
  return {languages: {find: (name) => findLanguage(config, name), names: languageNames(config)}, sources, store}
}
