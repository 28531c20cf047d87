/**
 * Runs one of a plugin's commands in the test's own process, the way the host would: oclif loads
 * the plugin from its root (package.json and oclif.manifest.json, so build first) and runs the
 * command with the same parser, --json handling and AigogoCommand base class. stdout and stderr
 * are captured, and a thrown error is returned with the exit code the CLI would use.
 */
import {Config, settings} from '@oclif/core'
import {format} from 'node:util'

import {AigogoError} from './errors.js'

export interface RunCommandOptions {
  /** Environment for the run (AIGOGO_HOME, ...): set before, restored after; undefined unsets. */
  env?: Record<string, string | undefined>
}

export interface RunCommandResult<T = unknown> {
  /** What run() returned (the --json output), when it returned. */
  result?: T
  stdout: string
  stderr: string
  /** What the command threw; an AigogoError for coded failures. */
  error?: Error
  /** 0, or the exit code the CLI would exit with (AigogoError.exit; 70 for anything uncoded). */
  exitCode: number
}

function exitCodeOf(error: unknown): number {
  if (AigogoError.is(error)) return error.exit
  const exit = (error as {oclif?: {exit?: unknown}} | undefined)?.oclif?.exit
  if (typeof exit === 'number') return exit
  // oclif's parser errors (unknown flag, missing argument) are usage errors in aigogo.
  return (error as {parse?: unknown} | undefined)?.parse === undefined ? 70 : 1
}

/** The longest run of leading words that names a command: ["hello", "greet", "ada"] -> "hello:greet". */
function splitCommand(config: Config, argv: readonly string[]): {id: string; rest: string[]} {
  const words = argv.findIndex((a) => a.startsWith('-'))
  const limit = words === -1 ? argv.length : words
  for (let n = limit; n > 0; n--) {
    const id = argv.slice(0, n).join(':')
    if (config.findCommand(id)) return {id, rest: argv.slice(n)}
  }
  const known = config.commands.map((c) => c.id.replaceAll(':', ' ')).sort()
  throw new Error(`no command of this plugin matches ${JSON.stringify(argv.join(' '))}; it has: ${known.join(', ') || 'none'}`)
}

function applyEnv(env: Record<string, string | undefined>): () => void {
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const)
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

/**
 * `argv` is what a user types after `aigogo`: ["hello", "greet", "ada", "--json"].
 * Runs are sequential by design: the captured streams are the process's own.
 */
export async function runCommand<T = unknown>(pluginRoot: string, argv: readonly string[], options: RunCommandOptions = {}): Promise<RunCommandResult<T>> {
  // Run the built JavaScript, as the host does, never a TypeScript loader.
  settings.enableAutoTranspile = false
  const config = await Config.load({root: pluginRoot})
  const {id, rest} = splitCommand(config, argv)
  const restoreEnv = applyEnv(options.env ?? {})
  let stdout = ''
  let stderr = ''
  const writeOut = process.stdout.write
  const writeErr = process.stderr.write
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...args: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined
      callback?.()
      return true
    }) as typeof process.stdout.write
  process.stdout.write = capture((s) => (stdout += s))
  process.stderr.write = capture((s) => (stderr += s))
  // oclif prints --json output with console.log, which test runners (vitest) take over: capture it too.
  const consoleSaved = {error: console.error, info: console.info, log: console.log, warn: console.warn}
  console.log = console.info = (...args: unknown[]) => void (stdout += format(...args) + '\n')
  console.error = console.warn = (...args: unknown[]) => void (stderr += format(...args) + '\n')
  try {
    const result = (await config.runCommand(id, rest)) as T
    return {exitCode: 0, result, stderr, stdout}
  } catch (error) {
    const thrown = error instanceof Error ? error : new Error(String(error))
    return {error: thrown, exitCode: exitCodeOf(error), stderr, stdout}
  } finally {
    process.stdout.write = writeOut
    process.stderr.write = writeErr
    Object.assign(console, consoleSaved)
    restoreEnv()
  }
}
