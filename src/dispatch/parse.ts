/**
 * The command line parsed from the manifest, for the forms whose result oclif's parser would give
 * exactly: boolean flags (--name, -c), string arguments within the declared count and, when the
 * caller vouches that the command's option flags have no parser of their own, option flags given
 * once as `--name value`, `--name=value` or `-c value` (a value within the flag's `options`, if it
 * has them). Everything else (--no-x; "--"; a flag given twice; a value that starts with "-" or is
 * empty; a flag with a default, an env variable, a delimiter or relations; a missing required
 * argument; anything unknown) returns undefined, and the full CLI parses it, with oclif's own errors.
 */
import type {CommandInput} from '@aigogo/sdk/core'

import type {ManifestCommand, ManifestFlag} from './manifest.js'

const RELATIONS = ['dependsOn', 'exclusive', 'exactlyOne', 'relationships'] as const

function plain(flag: ManifestFlag | undefined): flag is ManifestFlag {
  return flag !== undefined && !flag.multiple && flag.deprecated === undefined && flag.env === undefined && RELATIONS.every((r) => flag[r] === undefined)
}

/** An option flag taken as the string typed: no default (it may have been computed), no delimiter. */
function plainOption(flag: ManifestFlag): boolean {
  return flag.type === 'option' && flag.default === undefined && flag.delimiter === undefined
}

/** A value oclif's parser takes as typed: not empty, not "-", nothing that could be read as a flag. */
function plainValue(flag: ManifestFlag, value: string | undefined): value is string {
  return value !== undefined && value !== '' && !value.startsWith('-') && (!flag.options || flag.options.includes(value))
}

export interface ParseOptions {
  /** The command's option flags have oclif's own string parser (true only for the kernel's and bundled plugins' commands: a test checks their classes). */
  plainOptionFlags?: boolean
}

export function parseFromManifest(command: ManifestCommand, argv: readonly string[], options: ParseOptions = {}): CommandInput | undefined {
  const declared = command.flags ?? {}
  const byChar = new Map(Object.values(declared).filter((f) => f.char).map((f) => [`-${f.char}`, f]))
  const flags: Record<string, unknown> = {}
  const positional: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!
    if (token === '--' || token === '-') return undefined
    if (token.startsWith('-')) {
      const equals = token.startsWith('--') ? token.indexOf('=') : -1
      const name = equals > 0 ? token.slice(2, equals) : token.slice(2)
      const flag = token.startsWith('--') ? (Object.hasOwn(declared, name) ? declared[name] : undefined) : byChar.get(token)
      if (!plain(flag) || flag.name in flags) return undefined
      if (flag.type === 'boolean' && equals < 0) {
        flags[flag.name] = true
        continue
      }
      if (!options.plainOptionFlags || !plainOption(flag)) return undefined
      const value = equals > 0 ? token.slice(equals + 1) : argv[++i]
      if (!plainValue(flag, value)) return undefined
      flags[flag.name] = value
      continue
    }
    positional.push(token)
  }
  for (const flag of Object.values(declared)) {
    if (flag.name in flags) continue
    if (flag.required) return undefined
    if (flag.default !== undefined) {
      // An option flag's default may have been computed when the manifest was built.
      if (flag.type !== 'boolean') return undefined
      flags[flag.name] = flag.default
    }
  }
  const specs = Object.values(command.args ?? {})
  if (command.strict !== false && positional.length > specs.length) return undefined
  const args: Record<string, unknown> = {}
  for (const [i, spec] of specs.entries()) {
    const value = positional[i]
    if (value === undefined) {
      if (spec.required) return undefined
      if (spec.default !== undefined) args[spec.name] = spec.default
      continue
    }
    if (spec.options && !spec.options.includes(value)) return undefined
    args[spec.name] = value
  }
  // Runners belong to AigogoCommands, which enable --json unless they say otherwise (the manifest
  // records the static only where a class sets it itself).
  const json = command.enableJsonFlag !== false && 'json' in flags
  return {args, argv: positional, flags, json}
}
