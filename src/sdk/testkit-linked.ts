/**
 * Runs a plugin's command through a real aigogo binary, end to end: a throw-away AIGOGO_HOME,
 * `aigogo plugins link <root>`, then the command, in a child process. No AI-tool folder is touched
 * (the home's config has no targets) and the home is removed afterwards.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

export interface RunLinkedOptions {
  /** The aigogo executable: a command on PATH or a path. Default: $AIGOGO_BIN, else "aigogo". */
  bin?: string
  /** Extra environment for both runs. */
  env?: Record<string, string>
}

export interface RunLinkedResult {
  exitCode: number
  stdout: string
  stderr: string
}

function spawn(bin: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<RunLinkedResult> {
  return new Promise((done) => {
    execFile(bin, args, {encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
      const code = (error as {code?: unknown} | null)?.code
      done({exitCode: error ? (typeof code === 'number' ? code : 127) : 0, stderr, stdout})
    })
  })
}

export async function runLinked(pluginRoot: string, argv: readonly string[], options: RunLinkedOptions = {}): Promise<RunLinkedResult> {
  const bin = options.bin ?? process.env.AIGOGO_BIN ?? 'aigogo'
  const home = await mkdtemp(join(tmpdir(), 'aigogo-testkit-'))
  try {
    await writeFile(join(home, 'config.json'), JSON.stringify({targets: []}))
    // CI: no update banner and no background update check writing into the home.
    const env = {...process.env, AIGOGO_CONFIG: join(home, 'config.json'), AIGOGO_HOME: home, CI: '1', ...options.env}
    const linked = await spawn(bin, ['plugins', 'link', resolve(pluginRoot)], env)
    if (linked.exitCode !== 0) throw new Error(`${bin} plugins link ${pluginRoot} failed (exit ${linked.exitCode}):\n${linked.stderr}`)
    return await spawn(bin, argv, env)
  } finally {
    await rm(home, {force: true, recursive: true})
  }
}
