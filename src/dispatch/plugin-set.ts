/**
 * The loaded CLI as the manifests describe it, without oclif: the kernel and each plugin in load
 * order (src/host/plugin-order.ts) with its package.json and oclif.manifest.json. Returns
 * undefined whenever the full CLI would do something more than read these files (a corrupt state
 * file, a plugin it would warn about and skip, a manifest it would ignore): the full CLI then
 * runs and says so.
 */
import type {ManifestCommand} from './manifest.js'
import {type AigogoDirs, type RunnerPlugin, aigogoDirs} from '@aigogo/sdk/core'
import {statSync} from 'node:fs'
import {join} from 'node:path'

import {orderPlugins} from '../host/plugin-order.js'
import {pluginStateOnce, readJsonOnce} from './read-once.js'

export interface OclifSection {
  bin?: string
  plugins?: string[]
  hooks?: Record<string, unknown>
  topicSeparator?: string
  additionalHelpFlags?: string[]
  additionalVersionFlags?: string[]
  jitPlugins?: unknown
  flexibleTaxonomy?: boolean
  helpClass?: string
}

export interface PackageJson {
  name?: string
  version?: string
  oclif?: OclifSection
}

export interface ManifestPlugin extends RunnerPlugin {
  pjson: PackageJson
  manifest: Record<string, ManifestCommand>
  /** Changes whenever its package.json or manifest does (path, size, mtime): keys the help cache. */
  stamp: string
}

function stampOf(files: readonly string[]): string {
  return files.map((file) => {
    const s = statSync(file)
    return `${file}:${s.size}:${s.mtimeMs}`
  }).join('|')
}

function loadOne(root: string, expectedName: string | undefined, origin: RunnerPlugin['origin'], npm = false): ManifestPlugin | undefined {
  const pjson = readJsonOnce<PackageJson>(join(root, 'package.json'))
  if (!pjson?.name || !pjson.version || !pjson.oclif) return undefined
  if (expectedName !== undefined && pjson.name !== expectedName) return undefined
  const manifest = readJsonOnce<{version?: string; commands?: Record<string, ManifestCommand>}>(join(root, 'oclif.manifest.json'))
  // oclif ignores a manifest built for another version and imports every command instead.
  if (!manifest?.commands || manifest.version !== pjson.version) return undefined
  const stamp = stampOf([join(root, 'package.json'), join(root, 'oclif.manifest.json')])
  const plugin: ManifestPlugin = {commands: Object.keys(manifest.commands).length, manifest: manifest.commands, name: pjson.name, origin, pjson, root, stamp, version: pjson.version}
  if (npm) plugin.source = 'npm'
  return plugin
}

export function loadManifestPlugins(kernelRoot: string, dirs: AigogoDirs = aigogoDirs()): ManifestPlugin[] | undefined {
  const kernel = loadOne(kernelRoot, undefined, 'kernel')
  if (!kernel) return undefined
  let candidates
  try {
    const records = pluginStateOnce(dirs.state).plugins
    candidates = orderPlugins(kernelRoot, kernel.pjson.oclif?.plugins ?? [], records, dirs)
  } catch {
    return undefined
  }
  const plugins: ManifestPlugin[] = [kernel]
  for (const candidate of candidates) {
    const plugin = loadOne(candidate.root, candidate.packageName, candidate.origin, candidate.npm)
    if (!plugin) return undefined
    plugins.push(plugin)
  }
  return plugins
}
