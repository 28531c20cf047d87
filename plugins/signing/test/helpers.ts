/** Shared setup of the signing tests: the CLI, packages built and pushed with it, the plugin set for in-process capability calls. */
import {readFileSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {capability, type PluginSource, type ReferrersCapability} from '@aigogo/sdk/core'

import {execa} from 'execa'

import {aigogo, BIN, cleanEnv, REPO_ROOT, type RunOptions, type RunResult} from '../../../test/helpers/cli.js'

export {aigogo, REPO_ROOT, tempDir, jsonError} from '../../../test/helpers/cli.js'

export const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

export function ok(result: RunResult): RunResult {
  if (result.exitCode !== 0) throw new Error(`aigogo failed (${result.exitCode}):\n${result.stderr}\n${result.stdout}`)
  return result
}

export function json<T>(result: RunResult): T {
  return JSON.parse(ok(result).stdout) as T
}

export function run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return aigogo(args, options)
}

/** Builds a small Python package with the CLI (init, add file, build) and returns its local ref. */
export async function buildPackage(root: string, home: string, name: string, content = 'X = 1\n'): Promise<string> {
  const dir = join(root, name)
  await mkdir(dir, {recursive: true})
  ok(await aigogo(['init', '--name', name, '--description', `a package called ${name}`], {cwd: dir, home}))
  await writeFile(join(dir, 'mod.py'), content)
  ok(await aigogo(['add', 'file', 'mod.py'], {cwd: dir, home}))
  const built = json<{ref?: string; name?: string; version?: string}>(await aigogo(['build', '--json', '--force'], {cwd: dir, home}))
  return built.ref ?? `${built.name}:${built.version}`
}

/** Pushes a local build; returns the manifest digest. */
export async function push(ref: string, build: string, home: string): Promise<string> {
  return json<{digest: string}>(await aigogo(['push', ref, '--from', build, '--json'], {home})).digest
}

/** The first-party plugins as the host would list them, for capability lookups in the test process. */
export function pluginSet(names: string[]): PluginSource[] {
  return names.map((name) => {
    const root = join(REPO_ROOT, 'plugins', name)
    return {name, pjson: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown, root}
  })
}

export async function referrersCapability(): Promise<ReferrersCapability> {
  return capability(pluginSet(['registry']), 'referrers')
}

/**
 * Runs the CLI on a pseudo-terminal (python3's pty module drives it): each answer is typed once its
 * prompt has appeared, so a passphrase is read the way a person types it. (test/helpers/terminal.ts
 * types all its input at once, before aigogo turns echo off: the terminal itself would echo it.)
 * AIGOGO_NO_UPDATE_CHECK=1 keeps the update banner's detached poll from writing into the home after the test.
 * Returns the exit code and everything the terminal showed.
 */
export async function runOnTerminal(args: readonly string[], answers: Array<[prompt: string, answer: string]>, options: {home: string; env?: Record<string, string>}): Promise<{exitCode: number; screen: string}> {
  const driver = `
import json, os, pty, select, sys
argv, answers, env = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(argv[0], argv, env)
screen, seen = b"", 0
while True:
    ready, _, _ = select.select([fd], [], [], 60)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    screen += data
    if answers and answers[0][0].encode() in screen[seen:]:
        seen = screen.index(answers[0][0].encode(), seen) + len(answers[0][0])
        os.write(fd, answers.pop(0)[1].encode() + b"\\r")
_, status = os.waitpid(pid, 0)
print(json.dumps({"exitCode": os.waitstatus_to_exitcode(status), "screen": screen.decode("utf-8", "replace")}))
`
  const env = cleanEnv({AIGOGO_HOME: options.home, AIGOGO_NO_UPDATE_CHECK: '1', ...options.env})
  const {stdout} = await execa('python3', ['-c', driver, JSON.stringify([process.execPath, BIN, ...args]), JSON.stringify(answers), JSON.stringify(env)])
  return JSON.parse(stdout) as {exitCode: number; screen: string}
}
