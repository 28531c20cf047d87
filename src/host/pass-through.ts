/**
 * Commands that run someone else's program (`aigogo exec <package> [args...]`) declare
 * `static passThroughArgs = true`: every argument after their first one belongs to that program.
 * oclif shows its own help for a `--help`/`-h` anywhere before a `--`, so the kernel puts the `--`
 * there itself; the command drops one leading `--` (an explicit one stays meaningful: `exec p -- --help`).
 */
import type {Plugin} from '@oclif/core'

export function passThroughArgv(argv: readonly string[], plugins: ReadonlyMap<string, Plugin>): string[] {
  const [id, first, second] = argv
  if (id === undefined || first === undefined || first.startsWith('-') || second === undefined || second === '--') return [...argv]
  const declares = [...plugins.values()].some((p) => (p.manifest?.commands?.[id] as {passThroughArgs?: unknown} | undefined)?.passThroughArgs === true)
  return declares ? [id, first, '--', ...argv.slice(2)] : [...argv]
}
