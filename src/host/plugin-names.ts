/**
 * Plugin names: a short lower-case word that becomes a directory under plugins/, an asset
 * namespace (aigogo-<name>-*) and, usually, a command topic. So no path tricks, and no name
 * that would collide with a kernel verb or a first-party command.
 */
import {isSafeName, quoteUntrusted, usageError} from '@aigogo/sdk'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

const NAME = /^[a-z][a-z0-9-]*$/
const MAX_LENGTH = 64

/**
 * Kernel verbs and topics, plus every command of the first-party plugins (upstream aigogo's
 * command set), listed even before the plugin that provides them is built so that a third party
 * cannot claim them first.
 */
export const RESERVED_NAMES: readonly string[] = [
  'aigogo', 'completion', 'config', 'help', 'plugins', 'version', 'update',
  'add', 'build', 'clean', 'delete', 'exec', 'info', 'init', 'install', 'list', 'login', 'logout', 'packages',
  'pull', 'push', 'remove', 'remove-all', 'rm', 'scan', 'search', 'show-deps', 'tags', 'uninstall', 'validate',
]

/** The SDK's rule for names that become paths, then the stricter plugin-name rule. */
export function validatePluginName(name: string): void {
  if (!isSafeName(name) || !NAME.test(name) || name.length > MAX_LENGTH || name.endsWith('-') || name.includes('--')) {
    throw usageError('PLUGIN_NAME_INVALID', `${quoteUntrusted(name)} is not a valid plugin name`, [
      'a plugin name is lower-case letters, digits and single dashes, starts with a letter and is at most 64 characters (e.g. "my-tool")',
    ], {name})
  }
}

/** The first word of every command and topic the kernel and the bundled plugins define. */
function commandWords(kernelRoot: string, bundledPackages: readonly string[]): Set<string> {
  const words = new Set<string>()
  const roots = [kernelRoot, ...bundledPackages.map((p) => join(kernelRoot, 'node_modules', p))]
  for (const root of roots) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as {commands?: Record<string, unknown>}
      for (const id of Object.keys(manifest.commands ?? {})) words.add(id.split(':')[0]!)
    } catch {
      // A bundled plugin without a manifest still has its names in RESERVED_NAMES.
    }
  }
  return words
}

export function reservedNames(kernelRoot: string, bundledPackages: readonly string[]): Set<string> {
  return new Set([...RESERVED_NAMES, ...commandWords(kernelRoot, bundledPackages)])
}

export function assertNotReserved(name: string, reserved: ReadonlySet<string>): void {
  if (reserved.has(name)) {
    throw usageError('PLUGIN_NAME_RESERVED', `plugin name "${name}" collides with an aigogo command`, [
      'pick a different name for the plugin',
      `reserved: ${[...reserved].sort().join(', ')}`,
    ], {name})
  }
}
