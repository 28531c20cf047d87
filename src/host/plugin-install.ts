/**
 * install / update: resolve the release -> download into AIGOGO_HOME/plugins/.staging-* ->
 * verify the checksum -> safe unpack -> validate -> link peers -> sync targets (transaction) ->
 * promote by rename (keeping the plugin's state/) -> record ownership and state -> commit.
 * Any failure undoes every step taken: the previous install, the state files and every
 * target are left exactly as they were.
 * A name that is neither first-party nor given a --source is an npm package: npm-install.ts.
 */
import {PLUGIN_STAGE_PREFIX, joinInside, removeTree, stageName, sweepStaleStagesOnce, withLock} from '@aigogo/sdk'
import {lstat, mkdir, rename, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {assignOwnership, readOwnership, writeOwnership} from './asset-ownership.js'
import {syncOwner} from './asset-sync.js'
import {checkPluginDir} from './bundle-check.js'
import {verifyChecksum, parseChecksums} from './checksums.js'
import {confirmThirdParty} from './consent.js'
import {failpoint} from './failpoint.js'
import {githubClient} from './github-http.js'
import {downloadAsset, downloadText, latestRelease, releaseByTag} from './github-releases.js'
import {type HostContext, pluginsLockFile} from './host-context.js'
import {installNpmPlugin} from './npm-install.js'
import {linkPeers} from './peer-links.js'
import {assertNoCommandCollision, pluginSurface} from './plugin-commands.js'
import {bundleInvalid, fetchFailed, pluginUnknown} from './plugin-errors.js'
import {assertNotReserved, reservedNames, validatePluginName} from './plugin-names.js'
import {describeSource, type ResolvedSource, resolveSource, sameSource} from './plugin-source.js'
import {findRecord, type PluginRecord, readPluginState, upsertRecord, writePluginState} from './plugin-state.js'
import {bareVersion, tagFor} from './release-tags.js'
import {safeUnpack} from './safe-unpack.js'
import {loadTargets} from './targets.js'
import {TargetTransaction} from './target-transaction.js'

export interface InstallRequest {
  name: string
  mode: 'install' | 'update'
  source?: string
  version?: string
  yes: boolean
}

export interface InstallResult {
  name: string
  package: string
  version: string
  previous?: string
  status: 'installed' | 'updated' | 'up-to-date'
  source: string
  targets: string[]
  /** "npm" for a plugin from npm; absent for a GitHub release. */
  origin?: 'npm'
  /** The commands the plugin adds, as typed ("example hello"); absent when nothing changed. */
  commands?: string[]
  /** The capabilities it provides. */
  capabilities?: string[]
}

/** When the user first trusted this same source, if they did. */
function trustedSince(previous: PluginRecord | undefined, resolved: ResolvedSource): string | undefined {
  return previous?.source && sameSource(previous.source, resolved.source) ? previous['trusted-at'] : undefined
}

export function assetNameFor(name: string, version: string): string {
  return `aigogo-plugin-${name}-${version}.tgz`
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined
}

async function resolveRequest(context: HostContext, request: InstallRequest): Promise<{resolved: ResolvedSource; record?: PluginRecord}> {
  validatePluginName(request.name)
  const state = await readPluginState(context.dirs.state)
  const record = state.plugins.find((p) => p.name === request.name)
  if (request.mode === 'update') {
    if (!record) throw pluginUnknown(request.name, 'update')
    if (record.kind === 'linked' || !record.source) {
      throw pluginUnknown(request.name, 'update') // linked plugins are rebuilt by their author, not updated
    }
    const entry = context.registry.plugins[request.name]
    const firstParty = entry !== undefined && sameSource(record.source, entry)
    return {record, resolved: {firstParty, package: firstParty ? entry.package : undefined, source: record.source}}
  }
  const resolved = resolveSource(request.name, request.source, context.registry)
  if (!resolved.firstParty) assertNotReserved(request.name, reservedNames(context.kernelRoot, context.bundled))
  return {record, resolved}
}

/** Not first-party and no --source: the argument names an npm package (oclif's `plugins install <package>`). */
async function npmRoute(context: HostContext, request: InstallRequest): Promise<InstallResult | undefined> {
  if (request.mode === 'install') {
    if (request.source || context.registry.plugins[request.name]) return undefined
    return installNpmPlugin(context, {mode: 'install', spec: request.name, version: request.version, yes: request.yes})
  }
  const state = await readPluginState(context.dirs.state)
  const record = findRecord(state, request.name)
  if (record?.origin !== 'npm') return undefined
  return installNpmPlugin(context, {mode: 'update', record, version: request.version, yes: request.yes})
}

export async function installPlugin(context: HostContext, request: InstallRequest): Promise<InstallResult> {
  const viaNpm = await npmRoute(context, request)
  if (viaNpm) return viaNpm
  const {record, resolved} = await resolveRequest(context, request)
  const {source} = resolved
  const from = describeSource(source)
  // Consent comes before any download. An update of a source the user already trusted does not ask again.
  const trusted = record?.['trusted-at'] !== undefined && record.source !== undefined && sameSource(record.source, source)
  if (!resolved.firstParty && !(request.mode === 'update' && trusted)) await confirmThirdParty(request.name, from, request.yes)

  const client = githubClient(context.env)
  const wanted = request.version ?? resolved.version
  let tag: string
  if (wanted) {
    tag = tagFor(wanted, source.tagPrefix)
  } else {
    const latest = await latestRelease(client, source.repo, source.tagPrefix)
    if (!latest) {
      throw fetchFailed(`no stable release of ${request.name} matches "${source.tagPrefix || ''}vX.Y.Z" on ${from}`, [
        `check the repository's Releases page for a ${source.tagPrefix}vX.Y.Z release (drafts and prereleases do not count)`,
        'or pass --version to install a specific (including pre-release) version',
      ])
    }
    tag = latest.tag
    if (request.mode === 'update' && record?.version === latest.version) {
      return {name: request.name, package: record.package, source: from, status: 'up-to-date', targets: [], version: record.version}
    }
  }
  const release = await releaseByTag(client, source.repo, tag)
  const version = bareVersion(release.tag_name, source.tagPrefix)
  const assetName = assetNameFor(request.name, version)
  const bundle = release.assets?.find((a) => a.name === assetName)
  if (!bundle) {
    throw fetchFailed(`release ${release.tag_name} of ${from} has no asset ${assetName}`, [
      `the plugin maintainer must publish ${assetName} and checksums.txt on this release`,
      'or pass --version for a release that has them',
    ])
  }
  const sumsAsset = release.assets?.find((a) => a.name === 'checksums.txt')
  if (!sumsAsset) {
    throw bundleInvalid('PLUGIN_CHECKSUM_MISSING', `release ${release.tag_name} of ${from} has no checksums.txt`, [
      'aigogo installs only bundles it can verify: the maintainer must publish checksums.txt (sha256sum format)',
    ])
  }

  return withLock(pluginsLockFile(context.dirs), async () => {
    await mkdir(context.dirs.plugins, {recursive: true})
    await sweepStaleStagesOnce(context.dirs.plugins, [PLUGIN_STAGE_PREFIX])
    const staging = join(context.dirs.plugins, stageName(`${PLUGIN_STAGE_PREFIX}${request.name}-`))
    await mkdir(staging)
    try {
      return await installFromRelease(context, request, resolved, {assetName, bundle, staging, sumsAsset, tag: release.tag_name, version})
    } finally {
      // removeTree: a bundle may ship read-only folders.
      await removeTree(staging)
    }
  }, {what: 'the plugin installation'})
}

interface Fetched {
  assetName: string
  bundle: {name: string; url: string}
  sumsAsset: {name: string; url: string}
  staging: string
  tag: string
  version: string
}

async function installFromRelease(context: HostContext, request: InstallRequest, resolved: ResolvedSource, fetched: Fetched): Promise<InstallResult> {
  const {dirs} = context
  const client = githubClient(context.env)
  const archive = join(fetched.staging, fetched.assetName)
  const sums = parseChecksums(await downloadText(client, fetched.sumsAsset), fetched.tag)
  const actual = await downloadAsset(client, fetched.bundle, archive)
  verifyChecksum(sums, fetched.assetName, actual, fetched.tag)
  const unpacked = join(fetched.staging, 'unpacked')
  await mkdir(unpacked)
  const root = await safeUnpack(archive, unpacked, fetched.assetName)

  // Re-read under the lock: another install may have finished while we downloaded.
  const state = await readPluginState(dirs.state)
  const previous = state.plugins.find((p) => p.name === request.name)
  const others = state.plugins.filter((p) => p.name !== request.name)
  const knownNames = [...others.map((p) => p.name), ...Object.keys(context.registry.plugins)]
  const pkg = await checkPluginDir(root, {
    forbiddenPackages: new Set([...context.bundled, ...others.map((p) => p.package)]),
    foreignNamespaces: knownNames.filter((n) => n.startsWith(`${request.name}-`)),
    name: request.name,
    package: resolved.package,
    version: fetched.version,
  })
  if (await exists(join(root, 'state'))) {
    throw bundleInvalid('PLUGIN_BUNDLE_INVALID', `the bundle of ${request.name} ships a top-level state/ folder`, [
      'state/ is reserved for the plugin\'s runtime data and is kept across updates: the maintainer must not ship it',
    ])
  }
  await linkPeers(root, context.kernelRoot)
  const surface = await pluginSurface(root, 'installed')
  if (!resolved.firstParty) assertNoCommandCollision(request.name, surface, reservedNames(context.kernelRoot, context.bundled))

  const targets = await loadTargets(dirs, context.env)
  const owners = await readOwnership(dirs.state)
  const tx = new TargetTransaction()
  const dest = joinInside(dirs.plugins, request.name)
  const parked = join(fetched.staging, 'previous')
  let promoted = false
  let ownershipWritten = false
  try {
    const owned = await syncOwner(tx, {assetsDir: join(root, 'assets'), name: request.name}, targets, owners)
    failpoint('sync')
    // Promote: park the old install, move the new one in, carry the plugin's state/ across.
    if (await exists(dest)) await rename(dest, parked)
    await rename(root, dest)
    promoted = true
    if (await exists(join(parked, 'state'))) await rename(join(parked, 'state'), join(dest, 'state'))
    failpoint('promote')
    await writeOwnership(dirs.state, assignOwnership(owners, request.name, owned))
    ownershipWritten = true
    failpoint('ownership')
    const now = new Date().toISOString()
    const record: PluginRecord = {
      'installed-at': now,
      kind: 'installed',
      name: request.name,
      package: pkg.package,
      source: resolved.source,
      version: pkg.version,
      ...(pkg.description ? {description: pkg.description} : {}),
      ...(resolved.firstParty ? {} : {'trusted-at': trustedSince(previous, resolved) ?? now}),
    }
    await writePluginState(dirs.state, upsertRecord(state, record))
  } catch (error) {
    if (promoted) {
      if (await exists(join(dest, 'state'))) await rename(join(dest, 'state'), join(parked, 'state')).catch(() => {})
      await rm(dest, {force: true, recursive: true})
      if (await exists(parked)) await rename(parked, dest)
    }
    if (ownershipWritten) await writeOwnership(dirs.state, owners)
    await tx.rollback()
    throw error
  }
  await tx.commit()
  return {
    capabilities: surface.capabilities,
    commands: surface.commands,
    name: request.name,
    package: pkg.package,
    ...(previous ? {previous: previous.version} : {}),
    source: describeSource(resolved.source),
    status: request.mode === 'update' ? 'updated' : 'installed',
    targets: targets.map((t) => t.name),
    version: pkg.version,
  }
}
