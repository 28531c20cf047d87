/**
 * Runs the real aigogo binary on a pseudo-terminal (python3's pty module), so stdin, stdout and
 * stderr are all terminals, as when a person types the command. `input` is typed into it; the
 * output comes back merged, with the terminal's \r\n line ends turned into \n.
 */
import {execa} from 'execa'

import {BIN, cleanEnv, type RunOptions} from './cli.js'

const SPAWN_ON_PTY = 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))'

export async function aigogoOnTerminal(args: readonly string[], options: RunOptions = {}): Promise<{exitCode: number; output: string}> {
  const result = await execa('python3', ['-c', SPAWN_ON_PTY, process.execPath, BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv({...(options.home ? {AIGOGO_HOME: options.home} : {}), ...options.env}),
    extendEnv: false,
    input: options.input ?? '',
    reject: false,
  })
  return {exitCode: result.exitCode ?? -1, output: String(result.stdout).replaceAll('\r\n', '\n')}
}
