/**
 * install / update of a plugin from npm (docs/PLUGINS.md, "Plugins from npm"). All npm plugins
 * share one npm project, AIGOGO_HOME/npm-plugins/, so npm resolves their dependencies. npm never
 * runs in it directly: under the plugins lock the project is copied into a stage, npm installs
 * there, the result is validated (oclif plugin, aigogo.name, manifest, assets, one @oclif/core),
 * assets are synced inside a target transaction, and the stage replaces the project by rename
 * before state/assets.json and state/plugins.json are written. A failure at any step leaves the
 * project, the state files and every target as they were.
 */
import {dataError, PLUGIN_STAGE_PREFIX, readJsonFile, removeTree, stageName, sweepStaleStagesOnce, usageError, withLock, writeJsonAtomic} from '@aigogo/sdk'
import {cp, lstat, mkdir, rename} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {assignOwnership, readOwnership, writeOwnership} from './asset-ownership.js'
import {syncOwner} from './asset-sync.js'
import {checkPluginDir} from './bundle-check.js'
import {confirmThirdParty} from './consent.js'
import {failpoint} from './failpoint.js'
import {type HostContext, pluginsLockFile} from './host-context.js'
import {npmDataDir} from './npm-layout.js'
import {assertSinglePeers} from './npm-peers.js'
import {npmRegistry, runNpm, TREE_FLAGS} from './npm-run.js'
import {checkNpmName, npmArgument, type NpmSpec, parseNpmSpec, withoutCredentials} from './npm-spec.js'
import type {InstallResult} from './plugin-install.js'
import {assertNotReserved, reservedNames, validatePluginName} from './plugin-names.js'
import {type PluginRecord, readPluginState, upsertRecord, writePluginState} from './plugin-state.js'
import {loadTargets} from './targets.js'
import {TargetTransaction} from './target-transaction.js'

export interface NpmInstallRequest {
  /** install: what the user typed; update: the record to update. */
  spec?: string
  record?: PluginRecord
  /** --version: overrides the range in the spec (install) or the recorded one (update). */
  version?: string
  mode: 'install' | 'update'
  yes: boolean
}

interface ProjectJson {
  name?: string
  private?: boolean
  dependencies?: Record<string, string>
  oclif?: {schema?: number; plugins?: {name: string; tag: string; type: 'user'}[]}
}

const EMPTY_PROJECT: ProjectJson = {dependencies: {}, name: 'aigogo-npm-plugins', oclif: {plugins: [], schema: 1}, private: true}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined
}

/** A folder npm reads no project .npmrc from: the plugins project when it exists. */
async function configCwd(dataDir: string, home: string): Promise<string> {
  if (await exists(dataDir)) return dataDir
  return (await exists(home)) ? home : tmpdir()
}

function specFor(request: NpmInstallRequest): NpmSpec {
  if (request.mode === 'install') return parseNpmSpec(request.spec!, request.version)
  const {record} = request
  const recorded = record!.npm!.spec
  if (/^https?:\/\//i.test(recorded)) return parseNpmSpec(recorded, request.version)
  return parseNpmSpec(`${record!.package}@${request.version ?? recorded}`)
}

function describeFrom(spec: NpmSpec, registry: string | undefined): string {
  return spec.kind === 'remote' ? spec.url : `npm registry ${registry}`
}

async function readProject(dir: string): Promise<ProjectJson> {
  return ((await readJsonFile(join(dir, 'package.json'), {code: 'STATE_CORRUPT', what: 'the npm plugins project'})) as ProjectJson | undefined) ?? {...EMPTY_PROJECT}
}

/** The package npm just installed for `spec`: its name is read from what npm wrote, never guessed from the spec. */
function installedPackage(spec: NpmSpec, before: Record<string, string>, after: Record<string, string>): string {
  if (spec.kind === 'registry') return spec.name
  const changed = Object.keys(after).filter((k) => after[k] !== before[k])
  const matching = Object.keys(after).filter((k) => after[k] === spec.url)
  const found = changed.length === 1 ? changed : matching
  if (found.length !== 1) {
    throw dataError('PLUGIN_BUNDLE_INVALID', `could not tell which package ${spec.url} installed`, ['install it by its npm package name instead'], {url: spec.url})
  }
  return found[0]!
}

export async function installNpmPlugin(context: HostContext, request: NpmInstallRequest): Promise<InstallResult> {
  const {dirs, env} = context
  const spec = specFor(request)
  const dataDir = npmDataDir(dirs)
  const registry = spec.kind === 'registry'
    ? withoutCredentials(await npmRegistry({cwd: await configCwd(dataDir, dirs.home), env, ...(spec.scope ? {scope: spec.scope} : {})}))
    : undefined
  const from = describeFrom(spec, registry)
  const before = await readPluginState(dirs.state)
  const known = request.record ?? (spec.kind === 'registry' ? before.plugins.find((p) => p.origin === 'npm' && p.package === spec.name) : undefined)
  // Consent comes before npm downloads anything. Updating from the registry the user trusted does not ask again.
  const trusted = known?.['trusted-at'] !== undefined && known.npm?.registry === registry && (spec.kind === 'registry' || known.npm?.spec === spec.url)
  const shown = spec.kind === 'registry' ? spec.name : new URL(spec.url).pathname.split('/').pop() || spec.url
  if (!(request.mode === 'update' && trusted)) await confirmThirdParty(shown, from, request.yes)

  return withLock(pluginsLockFile(dirs), async () => {
    await mkdir(dirs.plugins, {recursive: true})
    await sweepStaleStagesOnce(dirs.plugins, [PLUGIN_STAGE_PREFIX])
    const staging = join(dirs.plugins, stageName(`${PLUGIN_STAGE_PREFIX}npm-`))
    await mkdir(staging)
    try {
      return await installInStage(context, request, {dataDir, from, registry, spec, staging})
    } finally {
      await removeTree(staging)
    }
  }, {what: 'the plugin installation'})
}

interface Staged {
  dataDir: string
  staging: string
  spec: NpmSpec
  registry: string | undefined
  from: string
}

async function installInStage(context: HostContext, request: NpmInstallRequest, staged: Staged): Promise<InstallResult> {
  const {dirs} = context
  const {dataDir, spec, staging} = staged
  const project = join(staging, 'project')
  if (await exists(dataDir)) await cp(dataDir, project, {recursive: true, verbatimSymlinks: true})
  else {
    await mkdir(project)
    await writeJsonAtomic(join(project, 'package.json'), EMPTY_PROJECT)
  }
  const beforeDeps = {...(await readProject(project)).dependencies}
  await runNpm(['install', '--save-exact', '--prefer-online', ...TREE_FLAGS, npmArgument(spec)], {
    cwd: project,
    env: context.env,
    what: `installing ${spec.kind === 'registry' ? `${spec.name}@${spec.range}` : spec.url}`,
  })
  const pjson = await readProject(project)
  const packageName = installedPackage(spec, beforeDeps, pjson.dependencies ?? {})
  checkNpmName(packageName, 'untrusted')
  const root = join(project, 'node_modules', ...packageName.split('/'))
  const declared = ((await readJsonFile(join(root, 'package.json'), {code: 'PLUGIN_BUNDLE_INVALID', what: `the package.json of ${packageName}`})) ?? {}) as {
    name?: string
    aigogo?: {name?: unknown}
  }
  if (declared.name !== packageName) {
    throw dataError('PLUGIN_BUNDLE_INVALID', `npm installed ${packageName}, but its package.json names ${JSON.stringify(declared.name ?? null)}`, ['the package is not what it claims to be: do not use it'])
  }
  const name = declared.aigogo?.name
  if (typeof name !== 'string') {
    throw dataError('PLUGIN_BUNDLE_INVALID', `${packageName} is not an aigogo plugin: its package.json declares no "aigogo": {"name": ...}`, [
      'an aigogo plugin names its command topic and asset namespace in package.json: "aigogo": {"name": "greet"} (docs/PLUGINS.md)',
    ], {package: packageName})
  }
  validatePluginName(name)
  if (context.registry.plugins[name]) assertNotReserved(name, new Set([name]))
  assertNotReserved(name, reservedNames(context.kernelRoot, context.bundled))

  // Re-read under the lock: another install may have finished meanwhile.
  const state = await readPluginState(dirs.state)
  const previous = state.plugins.find((p) => p.name === name)
  if (previous && (previous.origin !== 'npm' || previous.package !== packageName)) {
    throw usageError('PLUGIN_NAME_CONFLICT', `the plugin name "${name}" is already taken by ${previous.package} (${previous.origin === 'npm' ? 'from npm' : previous.kind})`, [
      `remove that plugin first: aigogo plugins remove ${name}`,
      `or ask the author of ${packageName} for another aigogo.name`,
    ], {name, package: packageName, taken: previous.package})
  }
  if (request.mode === 'update' && request.record && request.record.name !== name) {
    throw usageError('PLUGIN_NAME_CONFLICT', `${packageName} now declares aigogo.name "${name}", not "${request.record.name}"`, [
      `remove it (aigogo plugins remove ${request.record.name}) and install it again under its new name`,
    ], {name})
  }
  const others = state.plugins.filter((p) => p.name !== name)
  const pkg = await checkPluginDir(root, {
    forbiddenPackages: new Set([...context.bundled, ...others.map((p) => p.package)]),
    foreignNamespaces: [...others.map((p) => p.name), ...Object.keys(context.registry.plugins)].filter((n) => n.startsWith(`${name}-`)),
    name,
    version: (declared as {version?: string}).version,
  })
  await assertSinglePeers(project, context.kernelRoot)

  const recordedSpec = spec.kind === 'remote' ? spec.url : spec.range
  const unchanged = previous && previous.version === pkg.version && previous.npm?.spec === recordedSpec && previous.npm?.registry === staged.registry
  if (request.mode === 'update' && unchanged) {
    return {name, origin: 'npm', package: pkg.package, source: staged.from, status: 'up-to-date', targets: [], version: pkg.version}
  }
  const plugins = [...(pjson.oclif?.plugins ?? []).filter((p) => p.name !== packageName), {name: packageName, tag: recordedSpec, type: 'user' as const}]
  await writeJsonAtomic(join(project, 'package.json'), {...pjson, oclif: {...pjson.oclif, plugins, schema: 1}})

  const targets = await loadTargets(dirs, context.env)
  const owners = await readOwnership(dirs.state)
  const tx = new TargetTransaction()
  const parked = join(staging, 'previous')
  let promoted = false
  let ownershipWritten = false
  try {
    const owned = await syncOwner(tx, {assetsDir: join(root, 'assets'), name}, targets, owners)
    failpoint('sync')
    if (await exists(dataDir)) await rename(dataDir, parked)
    await rename(project, dataDir)
    promoted = true
    failpoint('promote')
    await writeOwnership(dirs.state, assignOwnership(owners, name, owned))
    ownershipWritten = true
    failpoint('ownership')
    const now = new Date().toISOString()
    const trustedAt = previous?.npm?.registry === staged.registry ? previous?.['trusted-at'] : undefined
    const record: PluginRecord = {
      'installed-at': now,
      kind: 'installed',
      name,
      npm: {spec: recordedSpec, ...(staged.registry ? {registry: staged.registry} : {})},
      origin: 'npm',
      package: pkg.package,
      version: pkg.version,
      ...(pkg.description ? {description: pkg.description} : {}),
      'trusted-at': trustedAt ?? now,
    }
    await writePluginState(dirs.state, upsertRecord(state, record))
  } catch (error) {
    if (promoted) {
      await rename(dataDir, join(staging, 'failed'))
      if (await exists(parked)) await rename(parked, dataDir)
    }
    if (ownershipWritten) await writeOwnership(dirs.state, owners)
    await tx.rollback()
    throw error
  }
  await tx.commit()
  return {
    name,
    origin: 'npm',
    package: pkg.package,
    ...(previous ? {previous: previous.version} : {}),
    source: staged.from,
    status: request.mode === 'update' ? 'updated' : 'installed',
    targets: targets.map((t) => t.name),
    version: pkg.version,
  }
}
