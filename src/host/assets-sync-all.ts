/**
 * plugins sync: re-sync the kernel's own assets and every loaded plugin's (bundled, installed,
 * linked) into every target, remove what owners that are gone had placed, and repair installed
 * plugins' peer links (a moved or upgraded kernel breaks them). One transaction for everything.
 */
import {warn, withLock} from '@aigogo/sdk'
import {readdir} from 'node:fs/promises'
import {join} from 'node:path'

import {type Ownership, readOwnership, writeOwnership} from './asset-ownership.js'
import {KERNEL_OWNER, syncOwner} from './asset-sync.js'
import {type HostContext, pluginsLockFile} from './host-context.js'
import {npmDataDir} from './npm-layout.js'
import {linkPeers} from './peer-links.js'
import {readPluginState} from './plugin-state.js'
import {loadTargets} from './targets.js'
import {TargetTransaction} from './target-transaction.js'

export interface LoadedOwner {
  name: string
  root: string
  origin: string
}

export interface SyncAllResult {
  targets: {name: string; root: string}[]
  owners: {name: string; skills: string[]; agents: string[]}[]
}

/** Skills and agents must carry the owner's prefix; a stray entry is skipped with a warning. */
async function offNamespace(owner: string, assetsDir: string): Promise<string[]> {
  if (owner === KERNEL_OWNER) return []
  const stray: string[] = []
  for (const category of ['skills', 'agents']) {
    for (const entry of await readdir(join(assetsDir, category)).catch(() => [] as string[])) {
      if (entry.startsWith('.')) continue // .gitkeep and friends are never synced
      if (!entry.startsWith(`aigogo-${owner}-`)) stray.push(`${category}/${entry}`)
    }
  }
  return stray
}

export async function syncAllAssets(context: HostContext, loaded: readonly LoadedOwner[]): Promise<SyncAllResult> {
  const {dirs} = context
  return withLock(pluginsLockFile(dirs), async () => {
    const targets = await loadTargets(dirs, context.env)
    const before = await readOwnership(dirs.state)
    const state = await readPluginState(dirs.state)
    for (const record of state.plugins) {
      if (record.kind === 'installed' && record.origin !== 'npm') await linkPeers(join(dirs.plugins, record.name), context.kernelRoot).catch(() => {})
    }
    // npm plugins share one project whose top-level peer links point at the kernel.
    if (state.plugins.some((r) => r.origin === 'npm')) await linkPeers(npmDataDir(dirs), context.kernelRoot).catch(() => {})
    const owners: LoadedOwner[] = [{name: KERNEL_OWNER, origin: 'kernel', root: context.kernelRoot}, ...loaded]
    const after: Ownership = {}
    const tx = new TargetTransaction()
    try {
      for (const owner of owners) {
        const assetsDir = join(owner.root, 'assets')
        const stray = await offNamespace(owner.name, assetsDir)
        if (stray.length > 0) {
          warn(`plugin ${owner.name} ships assets outside its aigogo-${owner.name}- namespace, not synced: ${stray.join(', ')}`)
          const kept = before[owner.name]
          if (kept) after[owner.name] = kept
          continue
        }
        after[owner.name] = await syncOwner(tx, {assetsDir, name: owner.name}, targets, before[owner.name])
      }
      for (const gone of Object.keys(before).filter((name) => !(name in after))) {
        await syncOwner(tx, {assetsDir: undefined, name: gone}, targets, before[gone], {quiet: true})
      }
      await writeOwnership(dirs.state, after)
    } catch (error) {
      await tx.rollback()
      throw error
    }
    await tx.commit()
    return {
      owners: Object.entries(after).map(([name, owned]) => ({name, ...owned})),
      targets: targets.map((t) => ({name: t.name, root: t.root})),
    }
  }, {what: 'the plugin installation'})
}
