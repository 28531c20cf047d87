/**
 * state/plugins.json: the authoritative record of the plugins installed into AIGOGO_HOME.
 * The plugins/ directory tree is derived from it and never scanned. A missing file is an
 * empty state; a corrupt one is a coded error that names the file and the way out.
 */
import {dataError, isSafeName, type ParseJsonOptions, quoteUntrusted, readJsonFile, readJsonFileSync, writeJsonAtomic} from '@aigogo/sdk/core'
import {join} from 'node:path'

export interface PluginSource {
  host: string
  /** org/repo */
  repo: string
  /** Release tag prefix: "plugins/store/" for first-party plugins, "" for third-party. */
  tagPrefix: string
}

export interface PluginRecord {
  /** Short name: the identity, the directory under plugins/ and the asset namespace. */
  name: string
  /** npm package name of the oclif plugin. */
  package: string
  kind: 'installed' | 'linked'
  /** Bare semver, never the prefixed tag. */
  version: string
  'installed-at': string
  source?: PluginSource
  /** Linked plugins only: the author's working directory. */
  root?: string
  description?: string
  /** Third-party plugins: when the user consented to run its code. */
  'trusted-at'?: string
  /** Where an installed plugin came from: "npm", or a GitHub release when absent. */
  origin?: 'npm'
  /** npm plugins: what to install again on update, and from where. */
  npm?: NpmOrigin
}

export interface NpmOrigin {
  /** The range or dist-tag asked for ("latest" when none was), or the tarball URL. */
  spec: string
  /** The registry npm used (credentials removed); absent for a tarball URL. */
  registry?: string
}

export interface PluginState {
  plugins: PluginRecord[]
}

const NPM_PACKAGE = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/

export function pluginStatePath(stateDir: string): string {
  return join(stateDir, 'plugins.json')
}

function corrupt(file: string, why: string): Error {
  return dataError('STATE_CORRUPT', `the plugin state file ${file} is corrupt: ${why}`, [
    `move it aside: mv ${file} ${file}.bak`,
    'then reinstall each plugin you had installed: aigogo plugins install <name>',
    'bundled plugins keep working without it',
  ], {file})
}

function isRecord(value: unknown): value is PluginRecord {
  const r = value as Partial<PluginRecord> | null
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.name === 'string' &&
    typeof r.package === 'string' &&
    (r.kind === 'installed' || r.kind === 'linked') &&
    typeof r.version === 'string'
  )
}

function readOptions(file: string): ParseJsonOptions {
  return {
    code: 'STATE_CORRUPT',
    hints: [`move it aside: mv ${file} ${file}.bak`, 'then reinstall each plugin you had installed: aigogo plugins install <name>'],
    what: 'the plugin state file',
  }
}

function stateFrom(raw: unknown, file: string): PluginState {
  if (raw === undefined) return {plugins: []}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw corrupt(file, 'expected a JSON object with a "plugins" list')
  const plugins = (raw as {plugins?: unknown}).plugins ?? []
  if (!Array.isArray(plugins)) throw corrupt(file, '"plugins" is not a list')
  plugins.forEach((entry, i) => {
    if (!isRecord(entry)) throw corrupt(file, `entry ${i} needs string "name", "package", "version" and "kind" (installed or linked)`)
    // The name is a directory under plugins/: an edited state file must not point outside it.
    if (!isSafeName(entry.name)) throw corrupt(file, `entry ${i} has the name ${quoteUntrusted(entry.name)}, which is not a plugin name`)
    // An npm plugin's package name is a path under npm-plugins/node_modules/.
    if (entry.origin === 'npm' && (!NPM_PACKAGE.test(entry.package) || typeof entry.npm?.spec !== 'string')) {
      throw corrupt(file, `entry ${i} is an npm plugin with the package ${quoteUntrusted(entry.package)}, which is not an npm package name, or without its npm spec`)
    }
  })
  return {plugins: plugins as PluginRecord[]}
}

export async function readPluginState(stateDir: string): Promise<PluginState> {
  const file = pluginStatePath(stateDir)
  return stateFrom(await readJsonFile(file, readOptions(file)), file)
}

/** readPluginState for the start path (src/dispatch/read-once.ts). */
export function readPluginStateSync(stateDir: string): PluginState {
  const file = pluginStatePath(stateDir)
  return stateFrom(readJsonFileSync(file, readOptions(file)), file)
}

export async function writePluginState(stateDir: string, state: PluginState): Promise<void> {
  await writeJsonAtomic(pluginStatePath(stateDir), state)
}

/** Replaces the record with the same name in place, or appends it. */
export function upsertRecord(state: PluginState, record: PluginRecord): PluginState {
  const index = state.plugins.findIndex((p) => p.name === record.name)
  const plugins = [...state.plugins]
  if (index === -1) plugins.push(record)
  else plugins[index] = record
  return {plugins}
}

export function removeRecord(state: PluginState, name: string): PluginState {
  return {plugins: state.plugins.filter((p) => p.name !== name)}
}

/** The record for a short name, or for the npm package name of an npm plugin. */
export function findRecord(state: PluginState, nameOrPackage: string): PluginRecord | undefined {
  return state.plugins.find((p) => p.name === nameOrPackage) ?? state.plugins.find((p) => p.origin === 'npm' && p.package === nameOrPackage)
}
