/**
 * The completion table: every visible command (words separated by spaces) with its flags,
 * taken from the manifests, so completion knows plugin commands without importing them.
 */
import type {Config} from '@oclif/core'

export interface CompletionEntry {
  id: string
  summary: string
  flags: string[]
}

export function completionSpec(config: Config): CompletionEntry[] {
  return config.commands
    .filter((c) => !c.hidden)
    .map((c) => ({
      flags: [
        ...Object.entries(c.flags ?? {})
          .filter(([, f]) => !f.hidden)
          .flatMap(([name, f]) => [`--${name}`, ...(f.char ? [`-${f.char}`] : [])]),
        '--help',
      ],
      id: c.id.replaceAll(':', ' '),
      summary: (c.summary ?? c.description ?? '').split('\n')[0] ?? '',
    }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** One "id|flags" line per command: the table embedded in the shell scripts. */
export function tableLines(spec: readonly CompletionEntry[]): string {
  return spec.map((e) => `${e.id}|${e.flags.join(' ')}`).join('\n')
}
