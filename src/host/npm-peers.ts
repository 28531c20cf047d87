/**
 * An npm plugin runs on the host's @oclif/core and @aigogo/sdk: two copies break `instanceof`,
 * the SDK's error brand and oclif's caches. npm installs with --legacy-peer-deps (peers are not
 * installed), the project's top-level node_modules/@oclif/core and node_modules/@aigogo/sdk are
 * links to the kernel's copies (a copy npm put there as someone's regular dependency is replaced),
 * and an install is refused when any package in the tree declares a range the host's version does
 * not meet (it would run on the wrong copy), or when npm still nested a copy somewhere.
 */
import {readJsonFile, usageError} from '@aigogo/sdk'
import {readdir, realpath} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {join, relative} from 'node:path'
import semver from 'semver'

import {linkPeers, PEER_PACKAGES} from './peer-links.js'

const PEERS: readonly string[] = PEER_PACKAGES

interface Declared {
  name?: string
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

async function hostVersion(kernelRoot: string, name: string): Promise<string> {
  const file = createRequire(join(kernelRoot, 'package.json')).resolve(`${name}/package.json`)
  return ((await readJsonFile(await realpath(file), {code: 'INTERNAL', what: `the host's ${name}`})) as {version: string}).version
}

/** Every package directory under a node_modules tree, except the project's top-level peer links. */
async function packagesUnder(modules: string, found: {dir: string; name: string; top: boolean}[] = [], top = true): Promise<typeof found> {
  for (const entry of await readdir(modules, {withFileTypes: true}).catch(() => [])) {
    if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue
    const names = entry.name.startsWith('@') && entry.isDirectory()
      ? (await readdir(join(modules, entry.name))).map((n) => `${entry.name}/${n}`)
      : [entry.name]
    for (const name of names) {
      if (top && PEERS.includes(name)) continue
      const dir = join(modules, name)
      found.push({dir, name, top})
      await packagesUnder(join(dir, 'node_modules'), found, false)
    }
  }
  return found
}

function conflict(summary: string, details: Record<string, unknown>): Error {
  return usageError('PLUGIN_PEER_CONFLICT', summary, [
    'plugins run on the host\'s @oclif/core and @aigogo/sdk: install a version of the plugin made for this aigogo, or update aigogo',
    'plugin authors: declare @oclif/core and @aigogo/sdk as peer dependencies with ranges that include the host\'s versions',
  ], details)
}

export async function assertSinglePeers(project: string, kernelRoot: string): Promise<void> {
  await linkPeers(project, kernelRoot)
  const versions = new Map(await Promise.all(PEERS.map(async (p) => [p, await hostVersion(kernelRoot, p)] as const)))
  for (const pkg of await packagesUnder(join(project, 'node_modules'))) {
    if (PEERS.includes(pkg.name)) {
      throw conflict(`the install would put a second copy of ${pkg.name} under AIGOGO_HOME: ${relative(project, pkg.dir)}`, {copy: relative(project, pkg.dir)})
    }
    const declared = ((await readJsonFile(join(pkg.dir, 'package.json'), {code: 'PLUGIN_BUNDLE_INVALID', what: `the package.json of ${pkg.name}`})) ?? {}) as Declared
    for (const kind of ['peerDependencies', 'dependencies', 'optionalDependencies'] as const) {
      for (const peer of PEERS) {
        const range = declared[kind]?.[peer]
        const version = versions.get(peer)!
        if (range === undefined || range === '*' || range === '') continue
        if (!semver.validRange(range) || !semver.satisfies(version, range, {includePrerelease: true})) {
          throw conflict(`${declared.name ?? pkg.name} needs ${peer} ${JSON.stringify(range)} (${kind}), but this aigogo provides ${peer} ${version}`, {
            package: declared.name ?? pkg.name, peer, range, version,
          })
        }
      }
    }
  }
}
