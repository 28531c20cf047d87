/**
 * Runs the real aigogo binary as a user would: a child process, a private AIGOGO_HOME,
 * no NODE_ENV (vitest sets "test", which changes oclif's behaviour), no inherited secrets.
 */
import {execa, type Result} from 'execa'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export const REPO_ROOT = join(import.meta.dirname, '..', '..')
export const BIN = join(REPO_ROOT, 'bin', 'run.js')

export interface RunOptions {
  cwd?: string
  env?: Record<string, string | undefined>
  input?: string
  home?: string
}

export interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
}

export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue
    // CI is dropped too: CI machines set it, and it turns off terminal output (progress, banners)
    // that tests check on a pseudo-terminal; a test that wants it passes it.
    if (k === 'NODE_ENV' || k === 'CI' || k.startsWith('VITEST') || k === 'GITHUB_TOKEN' || k.startsWith('AIGOGO_')) continue
    env[k] = v
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}

export async function aigogo(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result: Result = await execa(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv({...(options.home ? {AIGOGO_HOME: options.home} : {}), ...options.env}),
    extendEnv: false,
    input: options.input,
    reject: false,
    stdin: options.input === undefined ? 'ignore' : undefined,
  })
  return {exitCode: result.exitCode ?? -1, stderr: String(result.stderr), stdout: String(result.stdout)}
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix = 'aigogo-test-'): Promise<{path: string; cleanup: () => Promise<void>}> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return {cleanup: () => rm(path, {force: true, recursive: true}), path}
}

/** Parses the single-line JSON error object that --json failures print on stderr. */
export function jsonError(result: RunResult): {code: string; message: string; exit: number; hints: string[]} {
  return (JSON.parse(result.stderr.trim().split('\n').at(-1) ?? '{}') as {error: {code: string; message: string; exit: number; hints: string[]}}).error
}
