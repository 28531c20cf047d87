/**
 * The command line parsed from the manifest, for the forms whose result oclif's parser would give
 * exactly: boolean flags (--name, -c), and string arguments within the declared count. Everything
 * else (option flags, whose custom parsers the manifest does not record; --no-x; "--"; a flag
 * given twice; a missing required argument; anything unknown) returns undefined, and the full CLI
 * parses it, with oclif's own errors.
 */
import type {CommandInput} from '@aigogo/sdk/core'

import type {ManifestCommand, ManifestFlag} from './manifest.js'

const RELATIONS = ['dependsOn', 'exclusive', 'exactlyOne', 'relationships'] as const

function plainBoolean(flag: ManifestFlag | undefined): flag is ManifestFlag {
  return flag !== undefined && flag.type === 'boolean' && !flag.multiple && flag.deprecated === undefined && RELATIONS.every((r) => flag[r] === undefined)
}

export function parseFromManifest(command: ManifestCommand, argv: readonly string[]): CommandInput | undefined {
  const declared = command.flags ?? {}
  const byChar = new Map(Object.values(declared).filter((f) => f.char).map((f) => [`-${f.char}`, f]))
  const flags: Record<string, unknown> = {}
  const positional: string[] = []
  for (const token of argv) {
    if (token === '--' || token === '-') return undefined
    if (token.startsWith('-')) {
      const flag = token.startsWith('--') ? declared[token.slice(2)] : byChar.get(token)
      if (!plainBoolean(flag) || flag.name in flags) return undefined
      flags[flag.name] = true
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
