/**
 * A real npm registry (Verdaccio, a devDependency) on 127.0.0.1 for the release tests: a free
 * port, a private storage folder and config. Our own names (`aigogo`, `@aigogo/*`) are served
 * only from its storage, never proxied: whatever a public registry holds under those names
 * cannot leak into a test. Every other package is proxied to the registry npm is configured with
 * (the uplink), so installs see the real dependency tree.
 *
 *   const npmRegistry = await startVerdaccio()
 *   await npmRegistry.npm(['publish', tarball])         // a private npmrc with a publish token
 *   await npmRegistry.stop()                             // process, storage, npmrc: all gone
 */
import {execa, type ResultPromise} from 'execa'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {REPO_ROOT} from './cli.js'
import {freePort} from './registry.js'

const VERDACCIO = join(REPO_ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio')
const USER = 'release-tester'
const PASSWORD = 'release-pa55'

export interface TestNpmRegistry {
  /** http://127.0.0.1:PORT/ */
  url: string
  /** The private npmrc: this registry, its publish token, the user's npm cache (for speed). */
  userconfig: string
  /** Environment that makes any npm child use only this registry and the private npmrc. */
  env: Record<string, string>
  /** Runs npm with that environment. */
  npm(args: string[], options?: {cwd?: string; env?: Record<string, string>}): Promise<{exitCode: number; stdout: string; stderr: string}>
  /** What Verdaccio printed (warnings and errors), for failure messages. */
  log(): string
  stop(): Promise<void>
}

/** The registry and cache npm itself is configured with (read once, before we override its config). */
async function userNpmConfig(): Promise<{registry: string; cache: string}> {
  const get = async (key: string): Promise<string> => (await execa('npm', ['config', 'get', key])).stdout.trim()
  return {cache: await get('cache'), registry: await get('registry')}
}

export interface VerdaccioOptions {
  /** Package patterns served only from local storage, never proxied (e.g. "@acme/*"): a missing one is a real 404. */
  localOnly?: readonly string[]
}

export async function startVerdaccio(options: VerdaccioOptions = {}): Promise<TestNpmRegistry> {
  const {cache, registry: uplink} = await userNpmConfig()
  const dir = await mkdtemp(join(tmpdir(), 'aigogo-verdaccio-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const {stdout: hash} = await execa('htpasswd', ['-Bbn', USER, PASSWORD])
  await writeFile(join(dir, 'htpasswd'), `${hash.trim()}\n`)
  await writeFile(join(dir, 'config.yaml'), [
    `storage: ${JSON.stringify(join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    '    max_users: -1', // no sign-ups: only the test user can publish
    'uplinks:',
    '  upstream:',
    `    url: ${JSON.stringify(uplink)}`,
    '    timeout: 60s',
    'packages:',
    "  'aigogo':",
    '    access: $all',
    '    publish: $authenticated',
    "  '@aigogo/*':",
    '    access: $all',
    '    publish: $authenticated',
    ...(options.localOnly ?? []).flatMap((pattern) => [`  '${pattern}':`, '    access: $all', '    publish: $authenticated']),
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    proxy: upstream',
    'web:',
    '  enable: false',
    'server:',
    '  keepAliveTimeout: 60',
    'log: {type: stdout, format: pretty, level: warn}',
  ].join('\n') + '\n')

  let output = ''
  const child: ResultPromise = execa(process.execPath, [VERDACCIO, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: {VERDACCIO_HOME: dir},
    reject: false,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM')
    await child
    await rm(dir, {force: true, recursive: true})
  }

  try {
    await waitUntilUp(url, child)
    // Log in as the test user (Basic auth, as npm's legacy login retries): the answer is the token npm publishes with.
    const login = await fetch(new URL(`-/user/org.couchdb.user:${USER}`, url), {
      body: JSON.stringify({name: USER, password: PASSWORD}),
      headers: {authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`, 'content-type': 'application/json'},
      method: 'PUT',
    })
    const {token} = (await login.json()) as {token?: string}
    if (!login.ok || !token) throw new Error(`Verdaccio refused the test login (${login.status})`)
    const userconfig = join(dir, 'npmrc')
    await writeFile(userconfig, [`registry=${url}`, `//127.0.0.1:${port}/:_authToken=${token}`, `cache=${cache}`, 'fund=false', 'audit=false', 'update-notifier=false', ''].join('\n'), {mode: 0o600})
    // An empty global config too: nothing of the user's or the machine's npm setup applies.
    await writeFile(join(dir, 'npmrc-global'), '')
    const env = {
      npm_config_globalconfig: join(dir, 'npmrc-global'),
      npm_config_registry: url,
      npm_config_userconfig: userconfig,
    }
    return {
      env,
      log: () => output,
      async npm(args, options = {}) {
        const result = await execa('npm', args, {cwd: options.cwd ?? dir, env: npmEnv({...env, ...options.env}), extendEnv: false, reject: false})
        return {exitCode: result.exitCode ?? -1, stderr: String(result.stderr), stdout: String(result.stdout)}
      },
      stop,
      url,
      userconfig,
    }
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}\n${output}`)
  }
}

/** The process environment minus any npm_config_* of the caller (npm run sets many), plus ours. */
export function npmEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^npm_/i.test(k) || k === 'NODE_ENV' || k.startsWith('VITEST') || k.startsWith('AIGOGO_') || k === 'GITHUB_TOKEN' || k === 'NPM_TOKEN') continue
    env[k] = v
  }
  return {...env, ...extra}
}

async function waitUntilUp(url: string, child: ResultPromise): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}`)
    const ok = await fetch(new URL('-/ping', url)).then((r) => r.ok, () => false)
    if (ok) return
    await sleep(100)
  }
  throw new Error(`Verdaccio did not answer on ${url}`)
}
