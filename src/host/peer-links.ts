/**
 * Installed plugins use the host's @aigogo/sdk and @oclif/core (they are peers): the installer
 * points node_modules/@aigogo/sdk and node_modules/@oclif/core inside the plugin directory at the
 * kernel's copies with symlinks. One copy of each means one error brand, one oclif Cache, and a
 * plugin bundle that carries only its own dependencies. A copy the bundle ships is replaced.
 */
import {lstat, mkdir, realpath, rm, rmdir, symlink} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

export const PEER_PACKAGES = ['@aigogo/sdk', '@oclif/core'] as const

async function kernelCopy(kernelRoot: string, name: string): Promise<string> {
  const require = createRequire(join(kernelRoot, 'package.json'))
  return realpath(dirname(require.resolve(`${name}/package.json`)))
}

/**
 * Whether Node's resolution from `root` already finds the package: a node_modules/<name> in
 * `root` or in any folder above it (a workspace's root node_modules, for instance).
 */
async function resolvableFrom(root: string, name: string): Promise<boolean> {
  for (let dir = root; ; dir = dirname(dir)) {
    if (await lstat(join(dir, 'node_modules', name)).catch(() => undefined)) return true
    if (dirname(dir) === dir) return false
  }
}

/**
 * Creates (or repairs) the peer links. `onlyMissing` (a linked working directory) leaves an
 * author's own copies alone, and writes nothing where a parent node_modules already provides them.
 */
export async function linkPeers(pluginRoot: string, kernelRoot: string, options: {onlyMissing?: boolean} = {}): Promise<string[]> {
  const linked: string[] = []
  for (const name of PEER_PACKAGES) {
    const link = join(pluginRoot, 'node_modules', name)
    if (options.onlyMissing && (await resolvableFrom(pluginRoot, name))) continue
    const existing = await lstat(link).catch(() => undefined)
    if (existing) await rm(link, {force: true, recursive: true})
    await mkdir(dirname(link), {recursive: true})
    await symlink(await kernelCopy(kernelRoot, name), link, 'dir')
    linked.push(name)
  }
  return linked
}

/** Takes back links linkPeers just made (and the folders it made for them): a refused link leaves the directory as it was. */
export async function unlinkPeers(pluginRoot: string, linked: readonly string[]): Promise<void> {
  for (const name of linked) {
    await rm(join(pluginRoot, 'node_modules', name), {force: true})
    // Only empty folders go: rmdir refuses the others.
    for (let dir = dirname(join(pluginRoot, 'node_modules', name)); dir !== pluginRoot; dir = dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break
    }
  }
}
