/**
 * An npm plugin runs on the host's @oclif/core and @aigogo/sdk: two copies break `instanceof`,
 * the SDK's error brand and oclif's caches. npm installs with --legacy-peer-deps (peers are not
 * installed), the project's top-level node_modules/@oclif/core and node_modules/@aigogo/sdk are
 * links to the kernel's copies (a copy npm put there as someone's regular dependency is replaced),
 * and an install that would still need another copy, or a plugin whose declared range the host's
 * version does not meet, is refused.
 */
import {readJsonFile, usageError} from '@aigogo/sdk'
import {readdir, realpath} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {dirname, join, relative} from 'node:path'
import semver from 'semver'

import {linkPeers, PEER_PACKAGES} from './peer-links.js'

async function hostVersion(kernelRoot: string, name: string): Promise<string> {
  const file = createRequire(join(kernelRoot, 'package.json')).resolve(`${name}/package.json`)
  return ((await readJsonFile(await realpath(file), {code: 'INTERNAL', what: `the host's ${name}`})) as {version: string}).version
}

/** Every nested copy of a peer under a node_modules tree (the project's top-level links excepted). */
async function nestedCopies(modules: string, found: string[] = [], top = true): Promise<string[]> {
  const entries = await readdir(modules, {withFileTypes: true}).catch(() => [])
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue
    const names = entry.name.startsWith('@') && entry.isDirectory()
      ? (await readdir(join(modules, entry.name))).map((n) => `${entry.name}/${n}`)
      : [entry.name]
    for (const name of names) {
      const dir = join(modules, name)
      if ((PEER_PACKAGES as readonly string[]).includes(name) && !top) found.push(dir)
      // Links are the host's peers (top level) or npm's own workspace links: not walked.
      if (!(top && (PEER_PACKAGES as readonly string[]).includes(name))) await nestedCopies(join(dir, 'node_modules'), found, false)
    }
  }
  return found
}

export async function assertSinglePeers(project: string, pluginRoot: string, kernelRoot: string): Promise<void> {
  await linkPeers(project, kernelRoot)
  const pjson = ((await readJsonFile(join(pluginRoot, 'package.json'), {code: 'PLUGIN_BUNDLE_INVALID', what: 'the plugin package.json'})) ?? {}) as {
    name?: string
    dependencies?: Record<string, string>
    peerDependencies?: Record<string, string>
  }
  for (const peer of PEER_PACKAGES) {
    const version = await hostVersion(kernelRoot, peer)
    for (const [kind, ranges] of [['peerDependencies', pjson.peerDependencies], ['dependencies', pjson.dependencies]] as const) {
      const range = ranges?.[peer]
      if (range === undefined || range === '*') continue
      if (!semver.validRange(range) || !semver.satisfies(version, range, {includePrerelease: true})) {
        throw usageError('PLUGIN_PEER_CONFLICT', `${pjson.name} needs ${peer} ${JSON.stringify(range)} (${kind}), but this aigogo provides ${peer} ${version}`, [
          `plugins run on the host's ${peer}: install a version of the plugin made for it, or update aigogo`,
          `plugin authors: declare ${peer} as a peer dependency with a range that includes ${version}`,
        ], {peer, range, version})
      }
    }
  }
  const copies = await nestedCopies(join(project, 'node_modules'))
  if (copies.length > 0) {
    const shown = copies.map((c) => relative(project, c)).slice(0, 5)
    throw usageError('PLUGIN_PEER_CONFLICT', `installing ${pjson.name} would put a second copy of ${PEER_PACKAGES.join(' / ')} under AIGOGO_HOME: ${shown.join(', ')}`, [
      `a dependency of the plugin needs a version the host does not provide (${dirname(shown[0]!)})`,
      'plugins and their dependencies must accept the host\'s @oclif/core and @aigogo/sdk as peers',
    ], {copies: shown})
  }
}
