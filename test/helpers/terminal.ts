/**
 * Runs the real aigogo binary on a pseudo-terminal (python3's pty module), so stdin, stdout and
 * stderr are all terminals, as when a person types the command. `input` is typed into it; the
 * output comes back merged, with the terminal's \r\n line ends turned into \n.
 *
 * On a terminal the kernel's daily update check would start a detached process that writes into
 * AIGOGO_HOME after the test ended, racing its cleanup: AIGOGO_NO_UPDATE_CHECK=1 is set unless the
 * test's env says otherwise (test/plugins-update-banner.test.ts tests the check itself).
 */
import {execa} from 'execa'

import {BIN, cleanEnv, type RunOptions} from './cli.js'

const NO_UPDATE_CHECK = {AIGOGO_NO_UPDATE_CHECK: '1'}

const SPAWN_ON_PTY = 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))'

export async function aigogoOnTerminal(args: readonly string[], options: RunOptions = {}): Promise<{exitCode: number; output: string}> {
  const result = await execa('python3', ['-c', SPAWN_ON_PTY, process.execPath, BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv({...NO_UPDATE_CHECK, ...(options.home ? {AIGOGO_HOME: options.home} : {}), ...options.env}),
    extendEnv: false,
    input: options.input ?? '',
    reject: false,
  })
  return {exitCode: result.exitCode ?? -1, output: String(result.stdout).replaceAll('\r\n', '\n')}
}

/**
 * Runs any command on a pseudo-terminal of the given width (stty sets it before the command
 * starts). The output is returned raw: carriage returns and escape sequences as the terminal got them.
 */
export async function onTerminal(command: string, args: readonly string[], options: RunOptions & {columns: number}): Promise<{exitCode: number; output: string}> {
  const sized = ['sh', '-c', `stty cols ${options.columns} rows 24; exec "$@"`, 'sh', command, ...args]
  const result = await execa('python3', ['-c', SPAWN_ON_PTY, ...sized], {
    cwd: options.cwd,
    env: cleanEnv({...NO_UPDATE_CHECK, ...(options.home ? {AIGOGO_HOME: options.home} : {}), ...options.env}),
    extendEnv: false,
    input: options.input ?? '',
    reject: false,
    stripFinalNewline: false,
  })
  return {exitCode: result.exitCode ?? -1, output: String(result.stdout)}
}
