/**
 * Which command a command line names, decided as oclif decides it with its space topic separator
 * (@oclif/core help/util collateSpacedCmdIDFromArgs): the leading words are joined while they
 * name a command or a topic. Ambiguity oclif resolves by plugin priority (the same id in two
 * plugins) or by aliases is left to the full CLI: lookup says so by returning undefined.
 */
import type {ManifestCommand} from './manifest.js'
import type {ManifestPlugin} from './plugin-set.js'

export interface CommandIndex {
  /** Canonical id to its command and plugin; an id several plugins declare is left out. */
  commands: Map<string, {command: ManifestCommand; plugin: ManifestPlugin}>
  /** Ids, aliases and every topic prefix of them: what the collation treats as a command word. */
  usable: Set<string>
  /** Ids that are aliases or declared twice: the full CLI decides those. */
  ambiguous: Set<string>
}

export function indexCommands(plugins: readonly ManifestPlugin[]): CommandIndex {
  const commands: CommandIndex['commands'] = new Map()
  const ambiguous = new Set<string>()
  const ids: string[] = []
  for (const plugin of plugins) {
    for (const command of Object.values(plugin.manifest)) {
      if (commands.has(command.id)) ambiguous.add(command.id)
      commands.set(command.id, {command, plugin})
      ids.push(command.id)
      for (const alias of [...(command.aliases ?? []), ...(command.hiddenAliases ?? [])]) {
        const id = alias.replaceAll(' ', ':')
        ambiguous.add(id)
        ids.push(id)
      }
    }
  }
  for (const id of ambiguous) commands.delete(id)
  const usable = new Set<string>()
  for (const id of ids) {
    const parts = id.split(':')
    for (let i = 1; i <= parts.length; i++) usable.add(parts.slice(0, i).join(':'))
  }
  return {ambiguous, commands, usable}
}

/** oclif's collation: [id, ...rest], argv unchanged when no word is a command word, undefined when it depends on an ambiguous id. */
export function collate(argv: readonly string[], index: CommandIndex): string[] | undefined {
  if (argv.length <= 1) return [...argv]
  let unsure = false
  const final: string[] = []
  const finalize = (s?: string): string => (s ? [...final, s] : final).filter(Boolean).join(':')
  const hasArgs = (): boolean => {
    const id = finalize()
    if (!id) return false
    const entry = index.commands.get(id)
    if (!entry && index.ambiguous.has(id)) unsure = true
    return Boolean(entry && (entry.command.strict === false || Object.keys(entry.command.args ?? {}).length > 0))
  }
  for (const arg of argv) {
    if (index.usable.has(finalize(arg))) final.push(arg)
    else if (arg.includes('=') || arg.startsWith('-') || hasArgs()) break
    else final.push(arg)
  }
  const id = finalize()
  if (unsure) return undefined
  return id ? [id, ...argv.slice(id.split(':').length)] : [...argv]
}
