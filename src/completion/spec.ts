/**
 * The completion table: every visible command (words separated by spaces) with its flags, the
 * values a flag takes (oclif `options`, or a command's `completion` hints) and what its first
 * argument takes. Command words and flags come from the manifests; the hints from the command
 * classes, loaded here only (`aigogo completion` runs once, when a shell's script is made).
 */
import type {Command, Config} from '@oclif/core'
import type {CompletionHints} from '@aigogo/sdk'

/** A flag's values, or "@builds": the local build refs, listed when completing. */
export type ValueSource = readonly string[] | '@builds'

export interface CompletionEntry {
  id: string
  summary: string
  flags: string[]
  /** Values per flag that takes one, by its long form ("--format"). */
  values: Record<string, ValueSource>
  /** What the first argument takes, when completion knows. */
  args?: '@builds'
}

/** Values go into single-quoted shell strings and word lists: plain words only. */
const source = (value: readonly string[] | 'local-builds'): ValueSource => (value === 'local-builds' ? '@builds' : value.filter((v) => /^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(v)))

async function hintsOf(command: Command.Loadable): Promise<CompletionHints> {
  try {
    return ((await command.load()) as {completion?: CompletionHints}).completion ?? {}
  } catch {
    // A plugin command that fails to load still completes by name and flags.
    return {}
  }
}

export async function completionSpec(config: Config): Promise<CompletionEntry[]> {
  const visible = config.commands.filter((c) => !c.hidden)
  const hints = await Promise.all(visible.map((c) => hintsOf(c)))
  return visible
    .map((c, index) => {
      const hint = hints[index]!
      const values: Record<string, ValueSource> = {}
      for (const [name, flag] of Object.entries(c.flags ?? {})) {
        const given = hint.flags?.[name] ?? (flag as {options?: readonly string[]}).options
        if (!flag.hidden && given && given.length > 0) values[`--${name}`] = source(given)
      }
      return {
        args: hint.args === 'local-builds' ? ('@builds' as const) : undefined,
        flags: [
          ...Object.entries(c.flags ?? {})
            .filter(([, f]) => !f.hidden)
            .flatMap(([name, f]) => [`--${name}`, ...(f.char ? [`-${f.char}`] : [])]),
          '--help',
        ],
        id: c.id.replaceAll(':', ' '),
        summary: (c.summary ?? c.description ?? '').split('\n')[0] ?? '',
        values,
      }
    })
    .sort((a, b) => a.id.localeCompare(b.id))
}

/**
 * One "id|flags|values|args" line per command: the table embedded in the shell scripts. values
 * is "--format=text,pyproject --from=@builds"; args is "@builds" or empty.
 */
export function tableLines(spec: readonly CompletionEntry[]): string {
  return spec
    .map((e) => {
      const values = Object.entries(e.values).map(([flag, v]) => `${flag}=${v === '@builds' ? '@builds' : v.join(',')}`)
      return `${e.id}|${e.flags.join(' ')}|${values.join(' ')}|${e.args ?? ''}`
    })
    .join('\n')
}
