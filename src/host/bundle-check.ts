/**
 * What makes an unpacked bundle (or a linked directory) an aigogo plugin: an oclif plugin whose
 * package.json names the expected package and aigogo.name, a manifest that matches its version,
 * an assets/ directory, and skills/agents named inside the plugin's namespace.
 */
import {dataError, usageError} from '@aigogo/sdk'
import {readdir, readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'

export const ASSET_CATEGORIES = ['skills', 'agents', 'commands'] as const
export type AssetCategory = (typeof ASSET_CATEGORIES)[number]

export interface PluginPackage {
  package: string
  version: string
  description?: string
}

export interface BundleExpectations {
  name: string
  /** The npm package a first-party plugin must have; undefined for third-party plugins. */
  package?: string
  /** Packages the bundle must not claim (bundled plugins it is not, other installed plugins). */
  forbiddenPackages: ReadonlySet<string>
  /** The version the release promised (bare semver); undefined for a linked directory. */
  version?: string
  /** Longer plugin names starting with "<name>-": their namespaces are not ours. */
  foreignNamespaces?: readonly string[]
}

function invalid(summary: string, hints: readonly string[], root: string): Error {
  return dataError('PLUGIN_BUNDLE_INVALID', summary, hints, {root})
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return undefined
  }
}

export async function checkPluginDir(root: string, expect: BundleExpectations): Promise<PluginPackage> {
  const pjson = (await readJson(join(root, 'package.json'))) as
    | {name?: string; version?: string; description?: string; oclif?: unknown; aigogo?: {name?: unknown}}
    | undefined
  if (!pjson || typeof pjson.name !== 'string' || typeof pjson.version !== 'string') {
    throw invalid(`plugin ${expect.name} has no readable package.json with a name and a version`, [
      'an aigogo plugin is an oclif plugin package: see docs/PLUGINS.md',
    ], root)
  }
  if (typeof pjson.oclif !== 'object' || pjson.oclif === null) {
    throw invalid(`${pjson.name} is not an oclif plugin: its package.json has no "oclif" section`, ['see docs/PLUGINS.md'], root)
  }
  if (pjson.aigogo?.name !== expect.name) {
    throw invalid(`${pjson.name} declares aigogo.name ${JSON.stringify(pjson.aigogo?.name ?? null)}, expected "${expect.name}"`, [
      `set "aigogo": {"name": "${expect.name}"} in the plugin's package.json, or install it under its own name`,
    ], root)
  }
  if (expect.package && pjson.name !== expect.package) {
    throw invalid(`plugin ${expect.name} must be the package ${expect.package}, but the bundle is ${pjson.name}`, ['the release asset is not the plugin it claims to be'], root)
  }
  if (!expect.package && expect.forbiddenPackages.has(pjson.name)) {
    throw usageError('PLUGIN_PACKAGE_CONFLICT', `plugin ${expect.name} is the package ${pjson.name}, which another plugin already provides`, [
      'a plugin may not replace a first-party or another installed plugin under a different name',
    ], {package: pjson.name})
  }
  if (expect.version && pjson.version !== expect.version) {
    throw invalid(`the release is version ${expect.version} but its package.json says ${pjson.version}`, ['the plugin maintainer must release the version the package declares'], root)
  }
  const manifest = (await readJson(join(root, 'oclif.manifest.json'))) as {version?: string} | undefined
  if (expect.version && manifest?.version !== pjson.version) {
    throw invalid(`${pjson.name} ships no oclif.manifest.json for version ${pjson.version}`, [
      'run `oclif manifest` before packing: without it every command would be imported at startup',
    ], root)
  }
  await checkAssets(root, expect)
  return {description: pjson.description, package: pjson.name, version: pjson.version}
}

async function checkAssets(root: string, expect: BundleExpectations): Promise<void> {
  if (!(await isDirectory(join(root, 'assets')))) {
    throw dataError('PLUGIN_ASSET_MISSING', `plugin ${expect.name} ships no top-level assets/ directory`, [
      'the bundle must contain an assets/ directory; an empty one is valid',
      'aigogo installs skills, commands and agents from it: a plugin must not write to AI tool directories itself',
    ], {name: expect.name})
  }
  const prefix = `aigogo-${expect.name}-`
  for (const category of ['skills', 'agents'] as const) {
    const entries = await readdir(join(root, 'assets', category)).catch(() => [] as string[])
    for (const entry of entries.filter((e) => !e.startsWith('.')).sort()) {
      const foreign = expect.foreignNamespaces?.find((other) => entry.startsWith(`aigogo-${other}-`))
      if (!entry.startsWith(prefix) || entry.length === prefix.length || foreign) {
        throw usageError('PLUGIN_ASSET_NAMING', `plugin ${expect.name} ships assets/${category}/${entry} outside its namespace "${prefix}"`, [
          foreign
            ? `names starting with "aigogo-${foreign}-" belong to the plugin ${foreign}: pick another name`
            : `rename it to start with "${prefix}" (see docs/PLUGINS.md, "Assets")`,
        ], {entry: `assets/${category}/${entry}`, name: expect.name})
      }
    }
  }
}
