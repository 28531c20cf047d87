/**
 * The plain forms of a command line, for fast paths (see the kernel's src/fast-path.ts), which
 * answer before oclif's parser is loaded: positionals, `--name value`, `--name=value` and
 * boolean `--flag`. Anything else (an unknown or repeated flag, a short flag, `--`, a flag
 * missing its value, the wrong number of positionals) gives undefined, and the command goes to
 * the full CLI, whose parser explains the problem.
 */
export interface PlainArgsSpec {
  /** Flags that take a value. */
  values?: readonly string[]
  /** Flags that take none. */
  booleans?: readonly string[]
  /** How many positional arguments, exactly. */
  positionals: number
}

export interface PlainArgs {
  positionals: string[]
  values: Partial<Record<string, string>>
  booleans: Set<string>
}

export function parsePlainArgs(argv: readonly string[], spec: PlainArgsSpec): PlainArgs | undefined {
  const valued = new Set(spec.values ?? [])
  const boolean = new Set(spec.booleans ?? [])
  const parsed: PlainArgs = {booleans: new Set(), positionals: [], values: {}}
  const seen = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('-')) {
      parsed.positionals.push(arg)
      continue
    }
    if (!arg.startsWith('--') || arg === '--') return undefined
    const equals = arg.indexOf('=')
    const name = arg.slice(2, equals === -1 ? undefined : equals)
    if (seen.has(name)) return undefined
    seen.add(name)
    if (boolean.has(name) && equals === -1) {
      parsed.booleans.add(name)
    } else if (valued.has(name)) {
      const value = equals === -1 ? argv[++i] : arg.slice(equals + 1)
      if (value === undefined || value === '' || (equals === -1 && value.startsWith('-'))) return undefined
      parsed.values[name] = value
    } else {
      return undefined
    }
  }
  return parsed.positionals.length === spec.positionals ? parsed : undefined
}
