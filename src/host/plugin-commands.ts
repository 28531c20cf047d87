/**
 * The commands a plugin adds, read the way oclif will load them (its manifest, or for a linked
 * directory without one, the command files), for two uses: refusing a third-party plugin whose
 * command or alias would take over a kernel or first-party command (`build`, `version`, `help`,
 * `plugins ...`), and telling the user after an install what the plugin added.
 */
import {Plugin} from '@oclif/core'
import {dataError, messageOf, quoteUntrusted, usageError} from '@aigogo/sdk'

export interface PluginSurface {
  /** Visible commands as typed: "example hello". */
  commands: string[]
  /** Names of the capabilities the plugin provides (package.json aigogo.capabilities). */
  capabilities: string[]
  /** Every command id and alias, visible or not, as typed: what the plugin would answer to. */
  invocations: {typed: string; of: string}[]
}

const typed = (id: string): string => id.replaceAll(':', ' ')

export async function pluginSurface(root: string, origin: 'installed' | 'linked'): Promise<PluginSurface> {
  const plugin = new Plugin({root, type: origin === 'linked' ? 'link' : 'user'})
  try {
    await plugin.load()
  } catch (error) {
    throw dataError('PLUGIN_BUNDLE_INVALID', `the plugin in ${root} cannot be loaded: ${messageOf(error)}`, [
      'run `oclif manifest` in the plugin and check that its commands import',
    ], {root})
  }
  const invocations: PluginSurface['invocations'] = []
  for (const command of plugin.commands) {
    invocations.push({of: typed(command.id), typed: typed(command.id)})
    for (const alias of [...(command.aliases ?? []), ...(command.hiddenAliases ?? [])]) invocations.push({of: typed(command.id), typed: typed(alias)})
  }
  const declared = (plugin.pjson as {aigogo?: {capabilities?: unknown}}).aigogo?.capabilities
  return {
    capabilities: declared && typeof declared === 'object' ? Object.keys(declared).sort() : [],
    commands: plugin.commands.filter((c) => !c.hidden).map((c) => typed(c.id)).sort(),
    invocations,
  }
}

/**
 * A third-party plugin may not answer to a word the kernel or a first-party plugin owns: its
 * command would shadow theirs, or be shadowed, depending on load order. Nothing is installed.
 */
export function assertNoCommandCollision(name: string, surface: PluginSurface, reserved: ReadonlySet<string>): void {
  const collisions = surface.invocations.filter((i) => reserved.has(i.typed.split(' ')[0]!))
  if (collisions.length === 0) return
  const described = collisions.map((c) => (c.typed === c.of ? quoteUntrusted(c.typed) : `${quoteUntrusted(c.typed)} (an alias of ${quoteUntrusted(c.of)})`))
  throw usageError('PLUGIN_COMMAND_CONFLICT', `plugin ${name} ships the command ${described.join(', ')}, colliding with aigogo's own commands; nothing was installed`, [
    `a plugin's commands and aliases go under its own topic: aigogo ${name} <command>`,
    `reserved first words: ${[...reserved].sort().join(', ')}`,
  ], {collisions: collisions.map((c) => c.typed), name})
}
