/**
 * Routing an owner's assets into every target, inside a TargetTransaction:
 *   assets/skills/<entry>   -> <skills>/<entry>              (entry named aigogo-<name>-*)
 *   assets/agents/<entry>   -> <agents>/<entry>              (entry named aigogo-<name>-*)
 *   assets/commands/*       -> <commands>/aigogo-<name>/     (the whole folder is the plugin's)
 * The kernel is the owner "aigogo": its skill is <skills>/aigogo, its commands <commands>/aigogo/.
 *
 * The host replaces or deletes a path only when it holds what the host placed there (the digest
 * in state/assets.json): the owner's own copy, or a copy of a shorter-named plugin whose
 * namespace contains this owner's (the longer namespace owns the entry). Anything else is the
 * user's: writing over it is refused (PLUGIN_ASSET_CONFLICT, nothing changed) and a stale entry
 * the user changed is left in place. A path another owner holds is never deleted.
 */
import {joinInside, preconditionError, safeName, warn} from '@aigogo/sdk'
import {readdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import type {OwnedAssets, Ownership} from './asset-ownership.js'
import type {Target} from './targets.js'
import type {TargetTransaction} from './target-transaction.js'
import {treeDigest} from './tree-digest.js'

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
  /** No warnings about skipped categories (removals). */
  quiet?: boolean
}

interface Step {
  path: string
  /** What to put there; undefined removes the path. */
  source?: string
  /** skills / agents entries are listed by name in the ownership record; the commands folder is the owner's by its name. */
  entry?: {category: 'skills' | 'agents'; name: string}
}

/** Whether `assets` (of `holder`) records this path as placed by the host, holding `digest` now. */
function holds(holder: string, assets: OwnedAssets | undefined, step: Step, digest: string): boolean {
  if (!assets) return false
  if (step.entry ? !assets[step.entry.category].includes(step.entry.name) : !step.path.endsWith(`/${commandsFolderOf(holder)}`)) return false
  // Records from before digests were kept: trusted until the entry is written again.
  if (assets.placed === undefined) return true
  return assets.placed[step.path] === digest
}

/** foo-bar's namespace aigogo-foo-bar- lies inside foo's aigogo-foo-: the longer one takes the entry over. */
function mayTakeOver(claimant: string, holder: string): boolean {
  return claimant !== KERNEL_OWNER && holder !== KERNEL_OWNER && claimant.startsWith(`${holder}-`)
}

function conflict(owner: string, paths: string[]): Error {
  const who = owner === KERNEL_OWNER ? 'aigogo' : `plugin ${owner}`
  return preconditionError('PLUGIN_ASSET_CONFLICT', `${who} would overwrite ${paths.length === 1 ? 'a file' : `${paths.length} files`} that aigogo did not place: ${paths.join(', ')}`, [
    `they are yours, or were changed since aigogo placed them: move them out of ${[...new Set(paths.map((p) => dirname(p)))].join(', ')} (keep a copy of your edits), then run the command again`,
    `names starting with ${owner === KERNEL_OWNER ? '"aigogo"' : `"aigogo-${owner}-"`} are managed by aigogo: give your own skills, agents and commands other names`,
    'nothing was changed',
  ], {owner, paths})
}

/** Applies one owner's assets to every target; returns what the owner now owns. */
export async function syncOwner(
  tx: TargetTransaction,
  owner: AssetOwner,
  targets: readonly Target[],
  owners: Ownership,
  options: SyncOptions = {},
): Promise<OwnedAssets> {
  const previous = owners[owner.name]
  const shipped = {
    agents: await entries(owner.assetsDir && join(owner.assetsDir, 'agents')),
    skills: await entries(owner.assetsDir && join(owner.assetsDir, 'skills')),
  }
  const commands = await entries(owner.assetsDir && join(owner.assetsDir, 'commands'))
  const steps: Step[] = []
  for (const target of targets) {
    for (const category of ['skills', 'agents'] as const) {
      const dir = target.dirs[category]
      if (!dir) {
        if (shipped[category].length > 0 && !options.quiet) warn(`target ${target.name}: ${category} skipped (its sub-path is set to "" / false / null in the config)`)
        continue
      }
      for (const name of shipped[category]) steps.push({entry: {category, name}, path: assetPath(dir, name), source: join(owner.assetsDir!, category, name)})
      for (const name of previous?.[category] ?? []) {
        if (!shipped[category].includes(name)) steps.push({entry: {category, name}, path: assetPath(dir, name)})
      }
    }
    const commandsDir = target.dirs.commands
    if (!commandsDir) {
      if (commands.length > 0 && !options.quiet) warn(`target ${target.name}: commands skipped (its sub-path is set to "" / false / null in the config)`)
      continue
    }
    const folder = assetPath(commandsDir, commandsFolderOf(owner.name))
    steps.push({path: folder, source: commands.length > 0 ? join(owner.assetsDir!, 'commands') : undefined})
  }

  // Decide every step before changing anything, so a conflict leaves every target untouched.
  const others = Object.entries(owners).filter(([name]) => name !== owner.name)
  const plan: Step[] = []
  const conflicts: string[] = []
  for (const step of steps) {
    const digest = await treeDigest(step.path)
    if (digest === undefined) {
      if (step.source) plan.push(step)
      continue
    }
    const mine = holds(owner.name, previous, step, digest)
    const holder = others.find(([name, assets]) => holds(name, assets, step, digest))?.[0]
    if (step.source) {
      if (holder === undefined ? mine : mayTakeOver(owner.name, holder)) plan.push(step)
      else conflicts.push(step.path)
    } else if (holder !== undefined) {
      // A stale path another owner holds stays theirs.
    } else if (mine) {
      plan.push(step)
    } else if (previous?.placed?.[step.path] !== undefined) {
      warn(`kept ${step.path}: it changed since aigogo placed it, so it is left to you`)
    }
  }
  if (conflicts.length > 0) throw conflict(owner.name, conflicts)

  const placed: Record<string, string> = {}
  for (const step of plan) {
    await tx.replace(step.path, step.source)
    if (step.source) placed[step.path] = (await treeDigest(step.path))!
  }
  return {...shipped, placed}
}
