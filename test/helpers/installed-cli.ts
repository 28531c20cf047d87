/**
 * Runs an npm-installed aigogo (the release gate): `<prefix>/bin` first in PATH and the command
 * looked up there by name, as a user's shell would; nothing of this checkout on the way.
 */
import {execa} from 'execa'

import {cleanEnv, type RunResult} from './cli.js'

export interface InstalledRunOptions {
  cwd?: string
  env?: Record<string, string | undefined>
  home?: string
}

export function installedEnv(prefix: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  return cleanEnv({PATH: `${prefix}/bin:${process.env.PATH ?? ''}`, ...extra})
}

export async function runInstalled(prefix: string, bin: 'aigogo' | 'aigg', args: readonly string[], options: InstalledRunOptions = {}): Promise<RunResult> {
  const result = await execa(bin, args, {
    cwd: options.cwd,
    env: installedEnv(prefix, {...(options.home ? {AIGOGO_HOME: options.home} : {}), ...options.env}),
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  })
  return {exitCode: result.exitCode ?? -1, stderr: String(result.stderr), stdout: String(result.stdout)}
}

export function ok(result: RunResult): RunResult {
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}:\n${result.stdout}\n${result.stderr}`)
  return result
}
