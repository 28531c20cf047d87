/**
 * plugins sync: re-sync the kernel's own assets and every loaded plugin's (bundled, installed,
 * linked) into every target, remove what owners that are gone had placed, and repair installed
 * plugins' peer links (a moved or upgraded kernel breaks them). One transaction for everything.
 */
import {warn, withLock} from '@aigogo/sdk'
import {readdir} from 'node:fs/promises'
import {join} from 'node:path'

import {assignOwnership, dropOwner, type Ownership, readOwnership, writeOwnership} from './asset-ownership.js'
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

/**
 * Skills and agents must carry the owner's prefix, and not a longer known plugin's (that
 * namespace is the longer plugin's); an owner with a stray entry is skipped with a warning.
 */
async function offNamespace(owner: string, assetsDir: string, known: readonly string[]): Promise<string[]> {
  if (owner === KERNEL_OWNER) return []
  const longer = known.filter((name) => name.startsWith(`${owner}-`))
  const stray: string[] = []
  for (const category of ['skills', 'agents']) {
    for (const entry of await readdir(join(assetsDir, category)).catch(() => [] as string[])) {
      if (entry.startsWith('.')) continue // .gitkeep and friends are never synced
      if (!entry.startsWith(`aigogo-${owner}-`) || longer.some((name) => entry.startsWith(`aigogo-${name}-`))) stray.push(`${category}/${entry}`)
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
    const known = [...owners.map((o) => o.name), ...Object.keys(context.registry.plugins)]
    let after: Ownership = before
    const tx = new TargetTransaction()
    try {
      for (const owner of owners) {
        const assetsDir = join(owner.root, 'assets')
        const stray = await offNamespace(owner.name, assetsDir, known)
        if (stray.length > 0) {
          // Its record (if any) is kept as it is: what it placed before stays its own.
          warn(`plugin ${owner.name} ships assets outside its aigogo-${owner.name}- namespace, not synced: ${stray.join(', ')}`)
          continue
        }
        after = assignOwnership(after, owner.name, await syncOwner(tx, {assetsDir, name: owner.name}, targets, after))
      }
      const loadedNames = new Set(owners.map((o) => o.name))
      for (const gone of Object.keys(before).filter((name) => !loadedNames.has(name))) {
        await syncOwner(tx, {assetsDir: undefined, name: gone}, targets, after, {quiet: true})
        after = dropOwner(after, gone)
      }
      await writeOwnership(dirs.state, after)
    } catch (error) {
      await tx.rollback()
      throw error
    }
    await tx.commit()
    return {
      owners: Object.entries(after).map(([name, owned]) => ({agents: owned.agents, name, skills: owned.skills})),
      targets: targets.map((t) => ({name: t.name, root: t.root})),
    }
  }, {what: 'the plugin installation'})
}
