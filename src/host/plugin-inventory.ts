/**
 * What is loaded, for `aigogo version` and `aigogo plugins list`: each plugin's short name,
 * package, version and origin, and the bundled copy an installed one shadows. oclif-free: the
 * runners read it from their context, the full CLI's and the dispatcher's alike.
 */
import {type RunnerContext, byCodePoint, declarationOf} from '@aigogo/sdk/core'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import type {PluginOrigin} from './plugin-order.js'

export interface PluginInfo {
  name: string
  package: string
  version: string
  origin: Exclude<PluginOrigin, 'kernel'>
  root: string
  commands: number
  /** Version of the bundled copy this plugin shadows, when it shadows one. */
  shadows?: string
  /** "npm" for a plugin installed from npm. */
  source?: 'npm'
}

function bundledVersion(kernelRoot: string, packageName: string): string | undefined {
  try {
    const pjson = JSON.parse(readFileSync(join(kernelRoot, 'node_modules', packageName, 'package.json'), 'utf8')) as {version?: string}
    return pjson.version
  } catch {
    return undefined
  }
}

export function loadedPlugins(context: RunnerContext): PluginInfo[] {
  const kernel = context.plugins.find((p) => p.origin === 'kernel')
  const bundledNames = new Set(((kernel?.pjson as {oclif?: {plugins?: string[]}} | undefined)?.oclif?.plugins ?? []))
  const infos: PluginInfo[] = []
  for (const plugin of context.plugins) {
    const origin = plugin.origin
    if (!origin || origin === 'kernel') continue
    const info: PluginInfo = {
      commands: plugin.commands,
      name: declarationOf(plugin.pjson).name ?? plugin.name,
      origin,
      package: plugin.name,
      root: plugin.root,
      version: plugin.version,
    }
    if (plugin.source === 'npm') info.source = 'npm'
    if (origin !== 'bundled' && bundledNames.has(plugin.name)) info.shadows = bundledVersion(context.root, plugin.name)
    infos.push(info)
  }
  return infos.sort((a, b) => byCodePoint(a.name, b.name))
}

export function describeOrigin(info: PluginInfo): string {
  const origin = info.source ? `${info.origin} (${info.source})` : info.origin
  return info.shadows ? `${origin} (shadows bundled ${info.shadows})` : origin
}
