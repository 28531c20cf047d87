/**
 * `plugins inspect`: everything the host knows about one loaded plugin in one place — where it
 * came from and how far it is trusted, where it lives, what it adds (commands, capabilities,
 * fast paths) and which files it placed in the AI tools' folders.
 */
import type {Config} from '@oclif/core'
import {type RunnerContext, declarationOf, joinInside} from '@aigogo/sdk'
import {readdir} from 'node:fs/promises'
import {join} from 'node:path'

import {readOwnership} from './asset-ownership.js'
import type {HostContext} from './host-context.js'
import {pluginUnknown} from './plugin-errors.js'
import {loadedPlugins, type PluginInfo} from './plugin-inventory.js'
import {type PluginRecord, readPluginState} from './plugin-state.js'

export type Trust = 'first-party' | 'third-party' | 'local'

export interface PluginInspection extends Omit<PluginInfo, 'source'> {
  description?: string
  /** github.com/<org>/<repo> for installed plugins. */
  source?: string
  /** Release tag prefix: "plugins/<name>/" for first-party plugins. */
  tagPrefix?: string
  installedAt?: string
  /** first-party: released with the kernel; third-party: consented to at trustedAt; local: linked by you. */
  trust: Trust
  trustedAt?: string
  commandList: Array<{id: string; summary: string}>
  capabilities: Record<string, string>
  fastPaths: Record<string, string>
  /** What the plugin ships under assets/ (command files go to <commands>/aigogo-<name>/). */
  assets: {skills: string[]; agents: string[]; commands: string[]}
  /** Skill and agent entries the host placed in the targets for it (state/assets.json). */
  placed: {skills: string[]; agents: string[]}
  /** Its runtime data, kept across updates and removal. */
  stateDir?: string
}

async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((e) => !e.startsWith('.')).sort()
}

function trustOf(info: PluginInfo, record: PluginRecord | undefined, context: HostContext): Trust {
  if (info.origin === 'linked') return 'local'
  if (info.origin === 'bundled') return 'first-party'
  const entry = context.registry.plugins[info.name]
  const source = record?.source
  const firstParty = entry !== undefined && source !== undefined && source.host === entry.host && source.repo === entry.repo && source.tagPrefix === entry.tagPrefix
  return firstParty ? 'first-party' : 'third-party'
}

/** `loaded` is the runner context of the command (AigogoCommand.runnerContext: origins as discovery marked them). */
export async function inspectPlugin(config: Config, loaded: RunnerContext, context: HostContext, name: string): Promise<PluginInspection> {
  const info = loadedPlugins(loaded).find((p) => p.name === name || p.package === name)
  if (!info) throw pluginUnknown(name, 'inspect')
  const plugin = config.plugins.get(info.package)
  const declaration = declarationOf(plugin?.pjson) as {capabilities?: Record<string, string>; fastPaths?: Record<string, string>}
  const record = (await readPluginState(context.dirs.state)).plugins.find((p) => p.name === info.name)
  const owned = (await readOwnership(context.dirs.state))[info.name]
  const assets = join(info.root, 'assets')
  const inspection: PluginInspection = {
    ...info,
    assets: {agents: await entries(join(assets, 'agents')), commands: await entries(join(assets, 'commands')), skills: await entries(join(assets, 'skills'))},
    capabilities: {...declaration.capabilities},
    commandList: (plugin?.commands ?? [])
      .filter((c) => !c.hidden)
      .map((c) => ({id: c.id.replaceAll(':', ' '), summary: (c.summary ?? c.description ?? '').split('\n')[0] ?? ''}))
      .sort((a, b) => a.id.localeCompare(b.id)),
    fastPaths: {...declaration.fastPaths},
    placed: {agents: [...(owned?.agents ?? [])].sort(), skills: [...(owned?.skills ?? [])].sort()},
    trust: trustOf(info, record, context),
  }
  const description = record?.description ?? (plugin?.pjson as {description?: string} | undefined)?.description
  if (description) inspection.description = description
  if (record?.source) {
    inspection.source = `${record.source.host}/${record.source.repo}`
    inspection.tagPrefix = record.source.tagPrefix
  }
  if (record?.['installed-at']) inspection.installedAt = record['installed-at']
  if (record?.['trusted-at']) inspection.trustedAt = record['trusted-at']
  if (info.origin === 'installed') inspection.stateDir = join(joinInside(context.dirs.plugins, info.name), 'state')
  return inspection
}
