/**
 * What is loaded, for `aigogo version` and `aigogo plugins list`: each plugin's short name,
 * package, version and origin, and the bundled copy an installed one shadows.
 */
import type {Config} from '@oclif/core'
import {declarationOf} from '@aigogo/sdk'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {isFromNpm, type PluginOrigin, originOf} from './discovery.js'

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

export function loadedPlugins(config: Config): PluginInfo[] {
  const bundledNames = new Set((config.pjson.oclif.plugins ?? []) as string[])
  const infos: PluginInfo[] = []
  for (const plugin of config.plugins.values()) {
    const origin = originOf(plugin)
    if (!origin || origin === 'kernel') continue
    const info: PluginInfo = {
      commands: plugin.commands.length,
      name: declarationOf(plugin.pjson).name ?? plugin.name,
      origin,
      package: plugin.name,
      root: plugin.root,
      version: plugin.version,
    }
    if (isFromNpm(plugin)) info.source = 'npm'
    if (origin !== 'bundled' && bundledNames.has(plugin.name)) info.shadows = bundledVersion(config.root, plugin.name)
    infos.push(info)
  }
  return infos.sort((a, b) => a.name.localeCompare(b.name))
}

export function describeOrigin(info: PluginInfo): string {
  const origin = info.source ? `${info.origin} (${info.source})` : info.origin
  return info.shadows ? `${origin} (shadows bundled ${info.shadows})` : origin
}
