/**
 * The plugins aigogo loads, in load order, from the kernel's package.json and the state file:
 * the bundled first-party plugins an installed or linked copy does not shadow, then the installed
 * (from a GitHub release under plugins/<name>/, or from npm under npm-plugins/node_modules/) and
 * linked ones in state order. One function for the full CLI's discovery (src/host/discovery.ts),
 * the manifest dispatcher (src/dispatch/) and the plugin fast paths (src/fast-path.ts). oclif-free.
 */
import {type AigogoDirs, joinInside} from '@aigogo/sdk/core'
import {join} from 'node:path'

import {npmDataDir} from './npm-layout.js'
import type {PluginRecord} from './plugin-state.js'

export type PluginOrigin = 'kernel' | 'bundled' | 'installed' | 'linked'

export interface PluginCandidate {
  packageName: string
  origin: Exclude<PluginOrigin, 'kernel'>
  /** The plugin's directory (for a bundled plugin, its copy under the kernel's node_modules). */
  root: string
  /** The bundled copy to fall back to when an installed shadow cannot be loaded. */
  fallback?: PluginCandidate
  /** Installed from npm: its root is under AIGOGO_HOME/npm-plugins/node_modules/. */
  npm?: boolean
}

function candidateFor(record: PluginRecord, dirs: AigogoDirs): PluginCandidate {
  if (record.kind === 'linked' && record.root) return {origin: 'linked', packageName: record.package, root: record.root}
  if (record.origin === 'npm') {
    // The state file checked the package name; joinInside keeps an edited one inside the project.
    return {npm: true, origin: 'installed', packageName: record.package, root: joinInside(npmDataDir(dirs), 'node_modules', ...record.package.split('/'))}
  }
  return {origin: 'installed', packageName: record.package, root: joinInside(dirs.plugins, record.name)}
}

export function orderPlugins(
  kernelRoot: string,
  bundledNames: readonly string[],
  records: readonly PluginRecord[],
  dirs: AigogoDirs,
): PluginCandidate[] {
  const bundled = new Map<string, PluginCandidate>()
  for (const name of bundledNames) bundled.set(name, {origin: 'bundled', packageName: name, root: join(kernelRoot, 'node_modules', name)})
  const recorded: PluginCandidate[] = []
  for (const record of records) {
    const candidate = candidateFor(record, dirs)
    candidate.fallback = bundled.get(record.package)
    bundled.delete(record.package)
    recorded.push(candidate)
  }
  return [...bundled.values(), ...recorded]
}
