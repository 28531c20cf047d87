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
 * The plugin set is the one discovery builds (src/host/discovery.ts), read from the same small
 * JSON files: bundled plugins an installed or linked copy does not shadow, then the installed
 * and linked ones in state order. Discovery's validation is not repeated: a plugin that cannot
 * be loaded here makes the fast path fall through, and the full CLI reports it.
 */
import {aigogoDirs} from '@aigogo/sdk/dirs'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {npmPackageRoot} from './host/npm-layout.js'

import type {FastPath, FastPathContext, PluginSource} from '@aigogo/sdk/core'

interface PackageJson {
  name?: string
  aigogo?: {fastPaths?: Record<string, string>}
  oclif?: {plugins?: string[]}
}

interface StateRecord {
  name: string
  package: string
  kind: string
  root?: string
  origin?: string
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** The installed and linked plugins; undefined when the state file exists but cannot be read. */
function stateRecords(file: string): StateRecord[] | undefined {
  if (!existsSync(file)) return []
  const plugins = readJson<{plugins?: unknown}>(file)?.plugins
  return Array.isArray(plugins) ? (plugins as StateRecord[]) : undefined
}

/**
 * The plugins discovery would load, with their package.json; undefined when something is off
 * (a corrupt state file, a plugin without package.json): the full CLI then warns or reports.
 */
function loadedPlugins(kernelRoot: string, kernel: PackageJson): PluginSource[] | undefined {
  const dirs = aigogoDirs()
  const records = stateRecords(join(dirs.state, 'plugins.json'))
  if (!records) return undefined
  const shadowed = new Set(records.map((r) => r.package))
  const roots = [
    ...(kernel.oclif?.plugins ?? []).filter((name) => !shadowed.has(name)).map((name) => join(kernelRoot, 'node_modules', name)),
    ...records.map((r) => (r.kind === 'linked' && r.root ? r.root : r.origin === 'npm' ? npmPackageRoot(dirs, r.package) : join(dirs.plugins, r.name))),
  ]
  const plugins: PluginSource[] = []
  for (const root of roots) {
    const pjson = readJson<PackageJson>(join(root, 'package.json'))
    if (!pjson?.name) return undefined
    plugins.push({name: pjson.name, pjson, root})
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
  const kernel = readJson<PackageJson>(join(kernelRoot, 'package.json'))
  if (!kernel) return false
  const plugins = loadedPlugins(kernelRoot, kernel)
  const found = plugins && owner(plugins, command)
  if (!plugins || !found) return false
  let answer: FastPath
  try {
    answer = ((await import(pathToFileURL(join(found.root, found.target)).href)) as {default: FastPath}).default
  } catch {
    return false
  }
  const sdk = await import('@aigogo/sdk/core')
  const context: FastPathContext = {capability: (name) => sdk.capability(plugins, name), plugins}
  try {
    return await answer(rest, context)
  } catch (error) {
    if (!sdk.AigogoError.is(error)) return false
    if (process.env.AIGOGO_DEBUG && error.stack) process.stderr.write(sdk.redactSecrets(error.stack) + '\n')
    process.stderr.write(sdk.renderErrorFor(error, rest))
    process.exitCode = error.exit
    return true
  }
}
