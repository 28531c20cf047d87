/**
 * The plugins aigogo loads, in load order, from the kernel's package.json and the state file:
 * the bundled first-party plugins an installed or linked copy does not shadow, then the installed
 * and linked ones in state order. One function for the full CLI's discovery (src/host/discovery.ts),
 * the manifest dispatcher (src/dispatch/) and the plugin fast paths (src/fast-path.ts). oclif-free.
 */
import {type AigogoDirs, joinInside} from '@aigogo/sdk/core'
import {join} from 'node:path'

import type {PluginRecord} from './plugin-state.js'

export type PluginOrigin = 'kernel' | 'bundled' | 'installed' | 'linked'

export interface PluginCandidate {
  packageName: string
  origin: Exclude<PluginOrigin, 'kernel'>
  /** The plugin's directory (for a bundled plugin, its copy under the kernel's node_modules). */
  root: string
  /** The bundled copy to fall back to when an installed shadow cannot be loaded. */
  fallback?: PluginCandidate
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
    const candidate: PluginCandidate =
      record.kind === 'linked' && record.root
        ? {origin: 'linked', packageName: record.package, root: record.root}
        : {origin: 'installed', packageName: record.package, root: joinInside(dirs.plugins, record.name)}
    candidate.fallback = bundled.get(record.package)
    bundled.delete(record.package)
    recorded.push(candidate)
  }
  return [...bundled.values(), ...recorded]
}
