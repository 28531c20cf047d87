/**
 * link <dir>: for plugin authors. Records the working directory as a "linked" plugin (loaded in
 * place, shadowing a bundled copy of the same package) and syncs its assets. The directory must
 * be built (dist/ and ideally oclif.manifest.json); peer links are added only where missing.
 */
import {preconditionError, usageError, withLock} from '@aigogo/sdk'
import {readFile, stat} from 'node:fs/promises'
import {join, resolve} from 'node:path'

import {assignOwnership, readOwnership, writeOwnership} from './asset-ownership.js'
import {syncOwner} from './asset-sync.js'
import {checkPluginDir} from './bundle-check.js'
import {type HostContext, pluginsLockFile} from './host-context.js'
import {linkPeers, unlinkPeers} from './peer-links.js'
import {assertNoCommandCollision, type PluginSurface, pluginSurface} from './plugin-commands.js'
import {assertNotReserved, reservedNames, validatePluginName} from './plugin-names.js'
import {type PluginRecord, readPluginState, upsertRecord, writePluginState} from './plugin-state.js'
import {loadTargets} from './targets.js'
import {TargetTransaction} from './target-transaction.js'

export interface LinkResult {
  name: string
  package: string
  version: string
  root: string
  peersLinked: string[]
  commands: string[]
  capabilities: string[]
}

async function declaredName(root: string): Promise<string> {
  let pjson: {aigogo?: {name?: unknown}}
  try {
    pjson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as typeof pjson
  } catch {
    throw usageError('PLUGIN_LINK_INVALID', `${root} has no readable package.json`, ['link the root folder of an aigogo plugin (see docs/PLUGINS.md)'], {root})
  }
  if (typeof pjson.aigogo?.name !== 'string') {
    throw usageError('PLUGIN_LINK_INVALID', `${root}/package.json declares no aigogo.name`, ['add "aigogo": {"name": "<short-name>"} to package.json'], {root})
  }
  return pjson.aigogo.name
}

/**
 * Linking over an installed plugin would drop its record (and the user's trust in its source)
 * and leave its files under plugins/<name>/ orphaned: the user removes it first, on purpose.
 */
function alreadyInstalled(record: PluginRecord): Error {
  return preconditionError('PLUGIN_ALREADY_INSTALLED', `plugin ${record.name} ${record.version} is installed: linking a working directory over it is refused`, [
    `remove the installed copy first: aigogo plugins remove ${record.name} (its state/ is kept), then link again`,
    'nothing was changed',
  ], {name: record.name, version: record.version})
}

export async function linkPlugin(context: HostContext, dir: string): Promise<LinkResult> {
  const root = resolve(dir)
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
    throw usageError('PLUGIN_LINK_INVALID', `${root} is not a directory`, ['pass the root folder of the plugin'], {root})
  }
  const name = await declaredName(root)
  validatePluginName(name)
  const entry = context.registry.plugins[name]
  if (!entry) assertNotReserved(name, reservedNames(context.kernelRoot, context.bundled))
  const {dirs} = context
  return withLock(pluginsLockFile(dirs), async () => {
    const state = await readPluginState(dirs.state)
    const installed = state.plugins.find((p) => p.name === name && p.kind === 'installed')
    if (installed) throw alreadyInstalled(installed)
    const others = state.plugins.filter((p) => p.name !== name)
    const pkg = await checkPluginDir(root, {
      forbiddenPackages: new Set([...context.bundled, ...others.map((p) => p.package)]),
      foreignNamespaces: [...others.map((p) => p.name), ...Object.keys(context.registry.plugins)].filter((n) => n.startsWith(`${name}-`)),
      name,
      package: entry?.package,
    })
    const peersLinked = await linkPeers(root, context.kernelRoot, {onlyMissing: true})
    let surface: PluginSurface
    try {
      surface = await pluginSurface(root, 'linked')
      if (!entry) assertNoCommandCollision(name, surface, reservedNames(context.kernelRoot, context.bundled))
    } catch (error) {
      // Leave the author's directory as it was: take back the peer links just made.
      await unlinkPeers(root, peersLinked)
      throw error
    }
    const targets = await loadTargets(dirs, context.env)
    const owners = await readOwnership(dirs.state)
    const tx = new TargetTransaction()
    let ownershipWritten = false
    try {
      const owned = await syncOwner(tx, {assetsDir: join(root, 'assets'), name}, targets, owners)
      await writeOwnership(dirs.state, assignOwnership(owners, name, owned))
      ownershipWritten = true
      const record: PluginRecord = {'installed-at': new Date().toISOString(), kind: 'linked', name, package: pkg.package, root, version: pkg.version}
      await writePluginState(dirs.state, upsertRecord(state, record))
    } catch (error) {
      if (ownershipWritten) await writeOwnership(dirs.state, owners)
      await tx.rollback()
      await unlinkPeers(root, peersLinked)
      throw error
    }
    await tx.commit()
    return {capabilities: surface.capabilities, commands: surface.commands, name, package: pkg.package, peersLinked, root, version: pkg.version}
  }, {what: 'the plugin installation'})
}
