/**
 * The built-in registry of first-party plugins (registry/plugins.json): which npm package
 * a short name stands for, and where its releases live.
 */
import {internalError, readJsonFile} from '@aigogo/sdk'
import {join} from 'node:path'

import type {PluginSource} from './plugin-state.js'

export interface RegistryEntry extends PluginSource {
  package: string
  description?: string
}

export interface FirstPartyRegistry {
  kernel: RegistryEntry
  plugins: Record<string, RegistryEntry>
}

export async function readFirstPartyRegistry(kernelRoot: string): Promise<FirstPartyRegistry> {
  const file = join(kernelRoot, 'registry', 'plugins.json')
  const raw = (await readJsonFile(file, {code: 'REGISTRY_CORRUPT', what: 'the first-party plugin registry'})) as
    | FirstPartyRegistry
    | undefined
  if (!raw?.kernel || !raw.plugins) {
    throw internalError('REGISTRY_CORRUPT', `the first-party plugin registry ${file} is missing or incomplete`, [
      'reinstall aigogo: the file ships with it',
    ])
  }
  return raw
}

/** The short name of a first-party plugin from its npm package name. */
export function shortNameOf(registry: FirstPartyRegistry, packageName: string): string | undefined {
  return Object.entries(registry.plugins).find(([, entry]) => entry.package === packageName)?.[0]
}
