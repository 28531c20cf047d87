/**
 * Routing an owner's assets into every target, inside a TargetTransaction:
 *   assets/skills/<entry>   -> <skills>/<entry>              (entry named aigogo-<name>-*)
 *   assets/agents/<entry>   -> <agents>/<entry>              (entry named aigogo-<name>-*)
 *   assets/commands/*       -> <commands>/aigogo-<name>/     (the whole folder is the plugin's)
 * The kernel is the owner "aigogo": its skill is <skills>/aigogo, its commands <commands>/aigogo/.
 * Entries the owner shipped last time but not now are removed; nothing else is ever touched.
 */
import {joinInside, safeName, warn} from '@aigogo/sdk'
import {readdir} from 'node:fs/promises'
import {join} from 'node:path'

import type {OwnedAssets} from './asset-ownership.js'
import type {Target} from './targets.js'
import type {TargetTransaction} from './target-transaction.js'

export const KERNEL_OWNER = 'aigogo'

export interface AssetOwner {
  /** "aigogo" for the kernel, otherwise the plugin's short name. */
  name: string
  /** The owner's assets/ folder; undefined removes everything the owner placed. */
  assetsDir: string | undefined
}

export function commandsFolderOf(owner: string): string {
  return owner === KERNEL_OWNER ? KERNEL_OWNER : `aigogo-${owner}`
}

/**
 * An asset's place in a target: one plain name (from a plugin's assets/ or the ownership record
 * in state/), joined so that it stays inside the target's directory.
 */
function assetPath(dir: string, entry: string): string {
  return joinInside(dir, safeName(entry, {source: 'a plugin\'s assets', what: 'asset name'}))
}

async function entries(dir: string | undefined): Promise<string[]> {
  if (!dir) return []
  return (await readdir(dir).catch(() => [] as string[])).filter((e) => !e.startsWith('.')).sort()
}

export interface SyncOptions {
  /** Called with each skipped category (already warned about) for reports. */
  quiet?: boolean
}

/** Applies one owner's assets to every target; returns what the owner now owns. */
export async function syncOwner(
  tx: TargetTransaction,
  owner: AssetOwner,
  targets: readonly Target[],
  previous: OwnedAssets | undefined,
  options: SyncOptions = {},
): Promise<OwnedAssets> {
  const shipped: OwnedAssets = {
    agents: await entries(owner.assetsDir && join(owner.assetsDir, 'agents')),
    skills: await entries(owner.assetsDir && join(owner.assetsDir, 'skills')),
  }
  const commands = await entries(owner.assetsDir && join(owner.assetsDir, 'commands'))
  for (const target of targets) {
    for (const category of ['skills', 'agents'] as const) {
      const dir = target.dirs[category]
      if (!dir) {
        if (shipped[category].length > 0 && !options.quiet) warn(`target ${target.name}: ${category} skipped (its sub-path is set to "" / false / null in the config)`)
        continue
      }
      for (const entry of shipped[category]) await tx.replace(assetPath(dir, entry), join(owner.assetsDir!, category, entry))
      for (const entry of previous?.[category] ?? []) {
        if (!shipped[category].includes(entry)) await tx.replace(assetPath(dir, entry))
      }
    }
    const commandsDir = target.dirs.commands
    if (!commandsDir) {
      if (commands.length > 0 && !options.quiet) warn(`target ${target.name}: commands skipped (its sub-path is set to "" / false / null in the config)`)
      continue
    }
    const folder = assetPath(commandsDir, commandsFolderOf(owner.name))
    await tx.replace(folder, commands.length > 0 ? join(owner.assetsDir!, 'commands') : undefined)
  }
  return shipped
}
