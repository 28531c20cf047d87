/** The store and the package sources, through capabilities (never another plugin's files). */
import type {Config} from '@oclif/core'

import {capability, capabilityProviders} from '@aigogo/sdk/core'

import type {PackageSources} from './resolve-packages.js'

export async function packageSources(config: Config): Promise<PackageSources> {
  const [store, sources] = await Promise.all([capability(config, 'store'), capabilityProviders(config, 'package-source')])
  return {sources, store}
}
