/**
 * Plugin discovery. The kernel builds oclif's plugin map itself instead of letting oclif
 * scan its own data dir: state/plugins.json says what is installed or linked, and a plugin
 * recorded there with the same package name as a bundled first-party plugin shadows it.
 * Every plugin ships an oclif.manifest.json, so loading one reads two small JSON files and
 * imports no command code.
 */
import {Config, Plugin, settings} from '@oclif/core'
import {type AigogoDirs, AigogoError, PLUGIN_ORIGIN, type PluginOriginMark, aigogoDirs, messageOf, warn} from '@aigogo/sdk'
import {join} from 'node:path'

import {type PluginCandidate as Candidate, type PluginOrigin, orderPlugins} from './plugin-order.js'
import {type PluginRecord, readPluginState} from './plugin-state.js'

export type {PluginOrigin}

export interface DiscoveryOptions {
  dirs?: AigogoDirs
  /** npm package names to leave out (tests use it to show a missing capability). */
  exclude?: readonly string[]
}

type Marked = {[PLUGIN_ORIGIN]?: PluginOriginMark}

// On the plugin instance (oclif may rebuild its Config around the same plugins), where the SDK's
// AigogoCommand.runnerContext reads it: runners see the origins the dispatcher gives them.
function mark(plugin: object, origin: PluginOrigin, npm?: boolean): void {
  const value: PluginOriginMark = npm ? {origin, source: 'npm'} : {origin}
  Object.defineProperty(plugin, PLUGIN_ORIGIN, {configurable: true, enumerable: false, value})
}

/** Where a loaded plugin came from; undefined for plugins this host did not discover. */
export function originOf(plugin: object): PluginOrigin | undefined {
  return (plugin as Marked)[PLUGIN_ORIGIN]?.origin
}

/** Whether a loaded plugin was installed from npm (its origin is "installed" like any other install). */
export function isFromNpm(plugin: object): boolean {
  return (plugin as Marked)[PLUGIN_ORIGIN]?.source === 'npm'
}

async function loadCandidate(candidate: Candidate, kernelRoot: string): Promise<[Plugin, Candidate] | undefined> {
  try {
    const plugin =
      candidate.origin === 'bundled'
        ? new Plugin({name: candidate.packageName, root: kernelRoot, type: 'core'})
        : new Plugin({root: candidate.root, type: candidate.origin === 'linked' ? 'link' : 'user'})
    await plugin.load()
    if (plugin.name !== candidate.packageName) {
      throw new Error(`its package.json names ${plugin.name}, but the state file records ${candidate.packageName}`)
    }
    return [plugin, candidate]
  } catch (error) {
    const from = candidate.origin === 'bundled' ? 'the bundled copy' : candidate.root
    warn(`plugin ${candidate.packageName} could not be loaded from ${from}: ${messageOf(error)}`)
    return candidate.fallback ? loadCandidate(candidate.fallback, kernelRoot) : undefined
  }
}

async function installedRecords(dirs: AigogoDirs): Promise<PluginRecord[]> {
  try {
    return (await readPluginState(dirs.state)).plugins
  } catch (error) {
    // A corrupt state file must not take down every command: run on the bundled plugins,
    // say so on each run, and let `aigogo plugins ...` report the full coded error.
    if (!AigogoError.is(error)) throw error
    warn(`${error.message}; running with bundled plugins only (see: aigogo plugins list)`)
    return []
  }
}

/** The options oclif's Config.load needs: the kernel root and the plugin map we built. */
export interface DiscoveredPlugins {
  root: string
  plugins: Map<string, Plugin>
}

export async function discoverPlugins(kernelRoot: string, options: DiscoveryOptions = {}): Promise<DiscoveredPlugins> {
  // We always run compiled code; never let oclif look for a TypeScript loader.
  settings.enableAutoTranspile = false
  const dirs = options.dirs ?? aigogoDirs()
  const exclude = new Set(options.exclude ?? [])
  const rootPlugin = new Plugin({isRoot: true, root: kernelRoot, type: 'core'})
  const [records] = await Promise.all([installedRecords(dirs), rootPlugin.load()])

  const bundledNames = (rootPlugin.pjson.oclif.plugins ?? []) as string[]
  const ordered = orderPlugins(kernelRoot, bundledNames, records, dirs).filter((c) => !exclude.has(c.packageName))
  const loaded = await Promise.all(ordered.map((c) => loadCandidate(c, kernelRoot)))

  const plugins = new Map<string, Plugin>([[rootPlugin.name, rootPlugin]])
  mark(rootPlugin, 'kernel')
  for (const entry of loaded) {
    if (!entry) continue
    const [plugin, candidate] = entry
    plugins.set(plugin.name, plugin)
    mark(plugin, candidate.origin, candidate.npm)
  }
  return {plugins, root: kernelRoot}
}

/** A loaded oclif Config over the discovered plugins (for tests and tools; the CLI passes the options to run). */
export async function loadConfig(kernelRoot: string, options: DiscoveryOptions = {}): Promise<Config> {
  return Config.load(await discoverPlugins(kernelRoot, options))
}
