/**
 * Extension points. A plugin declares what it provides in its package.json:
 *
 *   "aigogo": {"name": "store", "capabilities": {"manifest": "./dist/capabilities/manifest.js"}}
 *
 * and another plugin asks the kernel for it by name, never importing the provider. The
 * module is imported only when asked for, so capabilities cost nothing at startup.
 */
import {join} from 'node:path'

import {loadPluginModule} from './bundled-twin.js'
import {type CapabilityContracts, type CapabilityName, FIRST_PARTY_PROVIDERS} from './contracts/index.js'
import {internalError, messageOf, preconditionError} from './errors.js'

export interface PluginDeclaration {
  /** The short plugin name (store, registry, my-plugin), distinct from the npm package name. */
  name?: string
  capabilities?: Record<string, string>
}

/** The "aigogo" section of a loaded plugin's package.json. */
export function declarationOf(pjson: unknown): PluginDeclaration {
  const section = (pjson as {aigogo?: unknown} | undefined)?.aigogo
  return typeof section === 'object' && section !== null ? (section as PluginDeclaration) : {}
}

export interface Provider<K extends CapabilityName> {
  /** Short name of the providing plugin. */
  plugin: string
  implementation: CapabilityContracts[K]
}

const loaded = new Map<string, unknown>()

/**
 * Imports a provider's module once (cached) and returns its default export; CAPABILITY_BROKEN when it cannot.
 * With the kernel's root known, the module's bundled twin is imported when it is fresh (bundled-twin.ts);
 * a twin that fails to load falls back to the module tsc wrote, which decides.
 */
export async function importProvider(root: string, relativePath: string, capability: string, plugin: string, kernelRoot?: string): Promise<unknown> {
  const file = join(root, relativePath)
  const cached = loaded.get(file)
  if (cached) return cached
  let module: {default?: unknown}
  try {
    module = await loadPluginModule(root, relativePath, kernelRoot)
  } catch (error) {
    throw internalError('CAPABILITY_BROKEN', `plugin ${plugin} declares the "${capability}" capability but its module cannot be loaded: ${messageOf(error)}`, [
      `reinstall the plugin: aigogo plugins update ${plugin}`,
      `the module is ${file}`,
    ])
  }
  if (module.default === undefined) {
    throw internalError('CAPABILITY_BROKEN', `plugin ${plugin}'s "${capability}" module has no default export`, [
      `report this to the plugin's author; the module is ${file}`,
    ])
  }
  loaded.set(file, module.default)
  return module.default
}

/** What capability lookup needs of a plugin: oclif's loaded plugins have it, and so do fast paths. */
export interface PluginSource {
  name: string
  root: string
  pjson: unknown
}

/** Anything that lists the loaded plugins in load order: an oclif Config, or a fast path's list. */
export type PluginSet = {plugins: {values(): Iterable<PluginSource>}} | readonly PluginSource[]

/** The plugins of a set, in load order. */
export function pluginsOf(set: PluginSet): Iterable<PluginSource> {
  return Array.isArray(set) ? (set as readonly PluginSource[]) : (set as {plugins: {values(): Iterable<PluginSource>}}).plugins.values()
}

/**
 * The kernel's root, where the SDK's build record is (for bundled twins): an oclif Config's root,
 * or the plugin a runner's list marks as the kernel. Unknown (a fast path's list, a test's) means
 * the modules tsc wrote are imported.
 */
export function kernelRootOf(set: PluginSet): string | undefined {
  if (!Array.isArray(set)) {
    const root = (set as {root?: unknown}).root
    return typeof root === 'string' ? root : undefined
  }
  return (set as ReadonlyArray<PluginSource & {origin?: string}>).find((p) => p.origin === 'kernel')?.root
}

/** Every loaded plugin that provides the capability, in load order (first-party first). */
export async function capabilityProviders<K extends CapabilityName>(set: PluginSet, name: K): Promise<Provider<K>[]> {
  const found: Provider<K>[] = []
  const kernelRoot = kernelRootOf(set)
  for (const plugin of pluginsOf(set)) {
    const declaration = declarationOf(plugin.pjson)
    const relativePath = declaration.capabilities?.[name]
    if (!relativePath) continue
    const pluginName = declaration.name ?? plugin.name
    const implementation = (await importProvider(plugin.root, relativePath, name, pluginName, kernelRoot)) as CapabilityContracts[K]
    found.push({implementation, plugin: pluginName})
  }
  return found
}

export function hasCapability(set: PluginSet, name: CapabilityName): boolean {
  for (const plugin of pluginsOf(set)) {
    if (declarationOf(plugin.pjson).capabilities?.[name]) return true
  }
  return false
}

/** The capability's first provider, or a coded error saying which plugin to install. */
export async function capability<K extends CapabilityName>(set: PluginSet, name: K): Promise<CapabilityContracts[K]> {
  const [first] = await capabilityProviders(set, name)
  if (first) return first.implementation
  const providers = FIRST_PARTY_PROVIDERS[name] ?? []
  throw preconditionError(
    'CAPABILITY_MISSING',
    `no loaded plugin provides the "${name}" capability`,
    [
      ...providers.map((p) => `install the ${p} plugin, which provides it: aigogo plugins install ${p}`),
      'see which plugins are loaded: aigogo plugins list',
    ],
    {capability: name},
  )
}
