/**
 * Help without oclif: the text oclif's own help renderer printed for the same command line, over
 * the same plugins, at the same width, kept in AIGOGO_HOME/state/.help/. oclif's help is a pure
 * function of those inputs (manifests, kernel and node version for the VERSION line, terminal
 * width), so a copy keyed by all of them is exact by construction, and no second renderer has to
 * track oclif's layout. The first help of a plugin set is rendered by oclif (src/cli.ts records
 * it); later ones are a file read. A command whose manifest has dynamic help is never kept.
 * Under state/, not cache/: `remove-all` and `clean` count and empty cache/ as builds. Keys of
 * plugin sets gone by are never read again; past MAX_KEPT files the directory starts over.
 */
import {aigogoDirs, isTerminal, randomHex, sha256Hex} from '@aigogo/sdk/core'
import {mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {basename, join} from 'node:path'

import {indexCommands} from './command-index.js'
import type {ManifestPlugin} from './plugin-set.js'

/** oclif's width (@oclif/core screen.js): OCLIF_COLUMNS, else the terminal's (40 at least), else 80. */
function helpWidth(): number {
  const columns = Number.parseInt(process.env.OCLIF_COLUMNS ?? '', 10)
  if (columns) return columns
  if (!isTerminal(1)) return 80 // asked without creating the stream (src/sdk/stdio.ts)
  const width = process.stdout.getWindowSize()[0]
  return width < 1 ? 80 : Math.max(width, 40)
}

/**
 * Only command lines made of command or topic words and help flags are kept: nothing a person
 * typed as a value (a password given before --help, say) goes into a key.
 */
function onlyCommandWords(plugins: readonly ManifestPlugin[], argv: readonly string[]): boolean {
  const words = argv.filter((a) => !a.startsWith('-'))
  if (argv.some((a) => a.startsWith('-') && a !== '--help' && a !== '-h')) return false
  const rest = words[0] === 'help' ? words.slice(1) : words
  return rest.length === 0 || indexCommands(plugins).usable.has(rest.join(':'))
}

export function helpCacheFile(plugins: readonly ManifestPlugin[], argv: readonly string[]): string | undefined {
  if (!onlyCommandWords(plugins, argv)) return undefined
  if (plugins.some((p) => Object.values(p.manifest).some((c) => (c as {hasDynamicHelp?: boolean}).hasDynamicHelp))) return undefined
  const key = JSON.stringify({
    argv,
    bin: basename(process.argv[1] ?? ''),
    color: [process.env.FORCE_COLOR, process.env.NO_COLOR, process.env.TERM, isTerminal(1)],
    node: [process.version, process.platform, process.arch],
    plugins: plugins.map((p) => [p.name, p.version, p.origin, p.source ?? '', p.root, p.stamp]),
    width: helpWidth(),
  })
  // The SDK's hash: node:crypto is not worth loading for a key of a few kilobytes.
  return join(aigogoDirs().state, '.help', `${sha256Hex(key)}.txt`)
}

export function readHelp(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

const MAX_KEPT = 256

/** Best effort: a read-only AIGOGO_HOME only means the next help is rendered by oclif again. */
export function keepHelp(file: string, text: string): void {
  try {
    const dir = join(file, '..')
    mkdirSync(dir, {recursive: true})
    const kept = readdirSync(dir)
    if (kept.length >= MAX_KEPT) for (const name of kept) rmSync(join(dir, name), {force: true})
    const staging = `${file}.tmp-${process.pid}-${randomHex(4)}`
    writeFileSync(staging, text, {flag: 'wx'})
    renameSync(staging, file)
  } catch {
    // not kept
  }
}

/** True for the command lines oclif answers with help: --help or -h before "--", no arguments, or `help ...`. */
export function isHelpRequest(argv: readonly string[], helpFlags: readonly string[]): boolean {
  if (argv.length === 0 || argv[0] === 'help') return true
  const flags = new Set(['--help', ...helpFlags])
  for (const arg of argv) {
    if (arg === '--') return false
    if (flags.has(arg)) return true
  }
  return false
}

/**
 * For the full CLI: copies what oclif prints on stdout while it renders help, and keeps it when
 * the command succeeded. Returns the function that stops copying (call it after the run).
 */
export function recordHelp(file: string): (succeeded: boolean) => void {
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof process.stdout.write
  return (succeeded) => {
    process.stdout.write = write
    if (succeeded && !process.exitCode && chunks.length > 0) keepHelp(file, chunks.join(''))
  }
}
