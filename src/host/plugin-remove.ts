/**
 * remove: take the plugin's assets out of every target (or put the bundled copy's back when a
 * bundled plugin was shadowed), delete its directory but keep its state/, drop its records.
 * Linked plugins lose only their record and assets: the author's directory is never touched.
 */
import {PLUGIN_STAGE_PREFIX, joinInside, stageName, sweepStaleStagesOnce, withLock} from '@aigogo/sdk'
import {lstat, mkdir, readFile, rename, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {assignOwnership, dropOwner, readOwnership, writeOwnership} from './asset-ownership.js'
import {syncOwner} from './asset-sync.js'
import {failpoint} from './failpoint.js'
import {bundledRoot, type HostContext, pluginsLockFile} from './host-context.js'
import {npmDataDir} from './npm-layout.js'
import {stageNpmRemoval} from './npm-remove.js'
import {pluginUnknown} from './plugin-errors.js'
import {findRecord, readPluginState, removeRecord, writePluginState} from './plugin-state.js'
import {loadTargets} from './targets.js'
import {TargetTransaction} from './target-transaction.js'

export interface RemoveResult {
  name: string
  version: string
  /** The plugin's runtime data, kept on disk. */
  keptState?: string
  /** Version of the bundled copy that takes over again. */
  fallback?: string
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined
}

export async function removePlugin(context: HostContext, nameOrPackage: string): Promise<RemoveResult> {
  const {dirs} = context
  return withLock(pluginsLockFile(dirs), async () => {
    const state = await readPluginState(dirs.state)
    const record = findRecord(state, nameOrPackage)
    if (!record) throw pluginUnknown(nameOrPackage, 'remove')
    const {name} = record
    const targets = await loadTargets(dirs, context.env)
    const owners = await readOwnership(dirs.state)
    const bundled = bundledRoot(context, record.package)
    const tx = new TargetTransaction()
    const dest = joinInside(dirs.plugins, name)
    await mkdir(dirs.plugins, {recursive: true})
    await sweepStaleStagesOnce(dirs.plugins, [PLUGIN_STAGE_PREFIX])
    const staging = join(dirs.plugins, stageName(`${PLUGIN_STAGE_PREFIX}${name}-`))
    await mkdir(staging)
    const parked = join(staging, 'removed')
    const dataDir = npmDataDir(dirs)
    let npmProject: string | undefined
    try {
      if (record.origin === 'npm') npmProject = await stageNpmRemoval(context, record, staging)
    } catch (error) {
      await rm(staging, {force: true, recursive: true})
      throw error
    }
    let npmSwapped = false
    let moved = false
    let ownershipWritten = false
    let keptState: string | undefined
    try {
      const owned = await syncOwner(tx, {assetsDir: bundled && join(bundled, 'assets'), name}, targets, owners, {quiet: true})
      failpoint('sync')
      if (npmProject) {
        await rename(dataDir, join(staging, 'npm-before'))
        await rename(npmProject, dataDir)
        npmSwapped = true
      }
      if (record.origin === 'npm' && (await exists(join(dest, 'state')))) keptState = join(dest, 'state')
      else if (record.kind === 'installed' && (await exists(dest))) {
        await rename(dest, parked)
        moved = true
        if (await exists(join(parked, 'state'))) {
          await mkdir(dest)
          await rename(join(parked, 'state'), join(dest, 'state'))
          keptState = join(dest, 'state')
        }
      }
      failpoint('promote')
      await writeOwnership(dirs.state, bundled ? assignOwnership(owners, name, owned) : dropOwner(owners, name))
      ownershipWritten = true
      failpoint('ownership')
      await writePluginState(dirs.state, removeRecord(state, name))
    } catch (error) {
      if (npmSwapped) {
        await rename(dataDir, join(staging, 'npm-failed'))
        await rename(join(staging, 'npm-before'), dataDir)
      }
      if (moved) {
        if (keptState) await rename(keptState, join(parked, 'state'))
        await rm(dest, {force: true, recursive: true})
        await rename(parked, dest)
      }
      if (ownershipWritten) await writeOwnership(dirs.state, owners)
      await tx.rollback()
      await rm(staging, {force: true, recursive: true})
      throw error
    }
    await tx.commit()
    await rm(staging, {force: true, recursive: true})
    const fallback = bundled ? await bundledVersion(bundled) : undefined
    return {name, version: record.version, ...(keptState ? {keptState} : {}), ...(fallback ? {fallback} : {})}
  }, {what: 'the plugin installation'})
}

async function bundledVersion(root: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {version?: string}).version
  } catch {
    return undefined
  }
}
