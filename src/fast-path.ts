/**
 * Fast paths: a plugin may answer the common case of one of its commands before oclif loads
 * (importing oclif costs about as much as starting node). It declares, in package.json,
 *
 *   "aigogo": {"fastPaths": {"install": "./dist/fast-paths/install.js"}}
 *
 * and the module's default export (the SDK's FastPath) receives the arguments after the command
 * word and a context with the loaded plugins and capability lookup. It returns true when it
 * answered and false to hand the command to the full CLI. A coded error (AigogoError) it throws
 * is rendered here exactly as the full CLI would render it; anything else falls through to the
 * full CLI, which runs the command again and reports what went wrong.
 *
 * The plugin set is the one discovery builds (bundled, installed, npm and linked plugins), in the
 * order src/host/plugin-order.ts gives both. Discovery's validation is not repeated: a plugin
 * that cannot be loaded here makes the fast path fall through, and the full CLI reports it.
 */
import {aigogoDirs} from '@aigogo/sdk/dirs'
import {join} from 'node:path'

import {type FastPath, type FastPathContext, type PluginSource, loadPluginModule} from '@aigogo/sdk/core'

import {pluginStateOnce, readJsonOnce} from './dispatch/read-once.js'
import {orderPlugins} from './host/plugin-order.js'

interface PackageJson {
  name?: string
  aigogo?: {fastPaths?: Record<string, string>}
  oclif?: {plugins?: string[]}
}

/**
 * The plugins discovery would load, with their package.json; undefined when something is off
 * (a corrupt state file, a plugin without package.json): the full CLI then warns or reports.
 */
function loadedPlugins(kernelRoot: string, kernel: PackageJson): PluginSource[] | undefined {
  const dirs = aigogoDirs()
  let candidates
  try {
    candidates = orderPlugins(kernelRoot, kernel.oclif?.plugins ?? [], pluginStateOnce(dirs.state).plugins, dirs)
  } catch {
    return undefined
  }
  // The kernel first, marked as such, as in the dispatcher's list: capability lookup then finds the
  // SDK's build record and loads the providers' bundled twins (src/sdk/capabilities.ts, kernelRootOf).
  const plugins: Array<PluginSource & {origin?: string}> = [{name: kernel.name ?? 'aigogo', origin: 'kernel', pjson: kernel, root: kernelRoot}]
  for (const candidate of candidates) {
    const pjson = readJsonOnce<PackageJson>(join(candidate.root, 'package.json'))
    if (!pjson?.name) return undefined
    plugins.push({name: pjson.name, pjson, root: candidate.root})
  }
  return plugins
}

/** The first plugin in load order that declares a fast path for the command (command names of first-party plugins are reserved, so at most one plugin owns it). */
function owner(plugins: readonly PluginSource[], command: string): {root: string; target: string} | undefined {
  for (const plugin of plugins) {
    const target = (plugin.pjson as PackageJson).aigogo?.fastPaths?.[command]
    if (target) return {root: plugin.root, target}
  }
  return undefined
}

export async function tryFastPath(kernelRoot: string, argv: readonly string[]): Promise<boolean> {
  const [command, ...rest] = argv
  if (!command || command.startsWith('-')) return false
  const kernel = readJsonOnce<PackageJson>(join(kernelRoot, 'package.json'))
  if (!kernel) return false
  const plugins = loadedPlugins(kernelRoot, kernel)
  const found = plugins && owner(plugins, command)
  if (!plugins || !found) return false
  let answer: FastPath
  try {
    // Its bundled twin when fresh (CommonJS: no ESM loader), else the module tsc wrote, as for runners.
    answer = (await loadPluginModule(found.root, found.target, kernelRoot)).default as FastPath
  } catch {
    return false
  }
  const sdk = await import('@aigogo/sdk/core')
  const context: FastPathContext = {capability: (name) => sdk.capability(plugins, name), plugins}
  try {
    return await answer(rest, context)
  } catch (error) {
    if (!sdk.AigogoError.is(error)) return false
    if (process.env.AIGOGO_DEBUG && error.stack) sdk.writeStderr(sdk.redactSecrets(error.stack) + '\n')
    sdk.writeStderr(sdk.renderErrorFor(error, rest))
    process.exitCode = error.exit
    return true
  }
}
