/**
 * oclif's plugin verbs on top of the host: bare `plugins`, `inspect`, the `uninstall`/`unlink`
 * aliases, `update` without a name, and `reset` — through the real CLI against the local GitHub
 * Releases stand-in.
 */
import {readdir, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {jsonError, type RunResult} from './helpers/cli.js'
import {buildPluginDir, buildRelease} from './helpers/github-standin.js'
import {pluginHostFixture} from './helpers/plugin-host-fixture.js'
import {aigogoOnTerminal} from './helpers/terminal.js'

const host = pluginHostFixture({prefix: 'aigogo-verbs-'})
const {run} = host

function ok(result: RunResult): RunResult {
  expect(result.exitCode, result.stderr).toBe(0)
  return result
}

/** Publishes v<version> of plugin <name> in acme/aigogo-plugin-<name> and installs it. */
async function install(name: string, version = '1.0.0'): Promise<void> {
  host.standin.addRelease(`acme/aigogo-plugin-${name}`, (await buildRelease(`v${version}`, {name, version})).release)
  ok(await run(['plugins', 'install', name, '--source', `github.com/acme/aigogo-plugin-${name}`, '--yes']))
}

async function skills(): Promise<string[]> {
  return (await readdir(join(host.targetRoot, 'skills')).catch(() => [] as string[])).sort()
}

describe('bare `aigogo plugins`', () => {
  it('lists exactly as `plugins list` does, in text and in JSON', async () => {
    await install('alpha')
    const bare = ok(await run(['plugins']))
    expect(bare.stdout).toBe(ok(await run(['plugins', 'list'])).stdout)
    expect(bare.stdout).toMatch(/alpha\s+1\.0\.0\s+installed/)
    expect(JSON.parse(ok(await run(['plugins', '--json'])).stdout)).toEqual(JSON.parse(ok(await run(['plugins', 'list', '--json'])).stdout))
  })

  it('shows every plugins verb in its help and in completion', async () => {
    const help = ok(await run(['plugins', '--help'])).stdout
    for (const verb of ['inspect', 'install', 'link', 'list', 'new', 'remove', 'reset', 'sync', 'update']) expect(help).toContain(`plugins ${verb}`)
    const completion = ok(await run(['completion', 'bash'])).stdout
    for (const verb of ['inspect', 'new', 'reset', 'uninstall', 'unlink', 'update']) expect(completion).toContain(`plugins ${verb}|`)
  })
})

describe('plugins inspect', () => {
  it('shows origin, version, root, source, trust, commands, assets and where they were placed', async () => {
    await install('alpha')
    const inspected = JSON.parse(ok(await run(['plugins', 'inspect', 'alpha', '--json'])).stdout) as Record<string, unknown>
    expect(inspected).toMatchObject({
      assets: {agents: ['aigogo-alpha-greeter.md'], commands: ['greet.md'], skills: ['aigogo-alpha-greet']},
      capabilities: {},
      commandList: [{id: 'alpha hello'}],
      name: 'alpha',
      origin: 'installed',
      package: 'aigogo-plugin-alpha',
      placed: {agents: ['aigogo-alpha-greeter.md'], skills: ['aigogo-alpha-greet']},
      root: join(host.home, 'plugins', 'alpha'),
      source: 'github.com/acme/aigogo-plugin-alpha',
      stateDir: join(host.home, 'plugins', 'alpha', 'state'),
      trust: 'third-party',
      version: '1.0.0',
    })
    expect(inspected.trustedAt).toEqual(expect.any(String))
    const text = ok(await run(['plugins', 'inspect', 'alpha'])).stdout
    expect(text).toMatch(/origin:\s+installed/)
    expect(text).toMatch(/trust:\s+third-party \(trusted /)
    expect(text).toMatch(/source:\s+github\.com\/acme\/aigogo-plugin-alpha/)
    expect(text).toMatch(/alpha hello/)
  })

  it('describes a bundled first-party plugin and its capabilities, by short or package name', async () => {
    const store = JSON.parse(ok(await run(['plugins', 'inspect', '@aigogo/plugin-store', '--json'])).stdout) as {name: string; origin: string; trust: string; capabilities: Record<string, string>}
    expect(store).toMatchObject({name: 'store', origin: 'bundled', trust: 'first-party'})
    expect(Object.keys(store.capabilities)).toContain('store')
  })

  it('refuses a plugin that is not loaded', async () => {
    const result = await run(['plugins', 'inspect', 'nope', '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([1, 'PLUGIN_UNKNOWN'])
  })
})

describe('plugins uninstall and unlink', () => {
  it('are remove under the names oclif users know', async () => {
    await install('alpha')
    const dir = await buildPluginDir({name: 'beta'})
    try {
      ok(await run(['plugins', 'link', dir]))
      const linked = JSON.parse(ok(await run(['plugins', 'inspect', 'beta', '--json'])).stdout) as Record<string, unknown>
      expect(linked).toMatchObject({origin: 'linked', root: dir, trust: 'local', version: '1.0.0'})
      expect(linked.source).toBeUndefined()
      expect(ok(await run(['plugins', 'uninstall', 'alpha'])).stdout).toContain('removed alpha')
      expect(ok(await run(['plugins', 'unlink', 'beta'])).stdout).toContain('removed beta')
      const listed = JSON.parse(ok(await run(['plugins', 'list', '--json'])).stdout) as {plugins: {name: string}[]}
      expect(listed.plugins.map((p) => p.name)).not.toContain('alpha')
      expect(listed.plugins.map((p) => p.name)).not.toContain('beta')
      expect(await skills()).toEqual([])
      expect(await readdir(dir)).toContain('package.json') // the working directory is untouched
    } finally {
      await rm(join(dir, '..'), {force: true, recursive: true})
    }
  })
})

describe('plugins update without a name', () => {
  it('updates every installed plugin, reporting each', async () => {
    await install('alpha')
    await install('beta')
    host.standin.addRelease('acme/aigogo-plugin-alpha', (await buildRelease('v1.1.0', {name: 'alpha', version: '1.1.0'})).release)
    const result = JSON.parse(ok(await run(['plugins', 'update', '--json'])).stdout) as {plugins: {name: string; status: string; version: string}[]}
    expect(result.plugins).toEqual([
      expect.objectContaining({name: 'alpha', status: 'updated', version: '1.1.0'}),
      expect.objectContaining({name: 'beta', status: 'up-to-date', version: '1.0.0'}),
    ])
    expect((await run(['alpha', 'hello'])).stdout).toContain('1.1.0')
    const text = ok(await run(['plugins', 'update'])).stdout
    expect(text).toContain('alpha is already at the latest stable version 1.1.0')
    expect(text).toContain('beta is already at the latest stable version 1.0.0')
  })

  it('goes on past a failing plugin and exits non-zero naming it', async () => {
    await install('alpha')
    await install('beta')
    await install('gamma')
    host.standin.addRelease('acme/aigogo-plugin-gamma', (await buildRelease('v2.0.0', {name: 'gamma', version: '2.0.0'})).release)
    host.standin.faults.push({fault: {status: 500}, pattern: /aigogo-plugin-beta/})
    const result = await run(['plugins', 'update', '--json'])
    expect(result.exitCode).toBe(3)
    const error = jsonError(result) as {code: string; details?: {failed: {name: string; code: string}[]}}
    expect(error.code).toBe('PLUGINS_UPDATE_INCOMPLETE')
    expect(error.details?.failed).toEqual([expect.objectContaining({code: 'PLUGIN_FETCH_FAILED', name: 'beta'})])
    const outcomes = (JSON.parse(result.stdout) as {plugins: {name: string; status: string}[]}).plugins
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([['alpha', 'up-to-date'], ['beta', 'failed'], ['gamma', 'updated']])
    expect((await run(['gamma', 'hello'])).stdout).toContain('2.0.0')
    const text = await run(['plugins', 'update'])
    expect(text.exitCode).toBe(3)
    expect(text.stderr).toContain('failed to update beta')
    expect(text.stderr).toContain('[exit 3: PLUGINS_UPDATE_INCOMPLETE]')
  })

  it('refuses --version without a name', async () => {
    const result = await run(['plugins', 'update', '--version', 'v1.0.0', '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([1, 'USAGE'])
    expect(jsonError(result).message).toBe('--version needs a plugin name: each plugin has its own versions')
  })
})

describe('plugins reset', () => {
  it('off a terminal needs --yes and changes nothing without it', async () => {
    await install('alpha')
    const before = await readFile(join(host.home, 'state', 'plugins.json'), 'utf8')
    const result = await run(['plugins', 'reset', '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([2, 'CONFIRMATION_REQUIRED'])
    expect(await readFile(join(host.home, 'state', 'plugins.json'), 'utf8')).toBe(before)
    expect(await skills()).toEqual(['aigogo-alpha-greet'])
  })

  it('with --yes removes every installed and linked plugin and their assets; bundled plugins stay', async () => {
    await install('alpha')
    const dir = await buildPluginDir({name: 'beta'})
    try {
      ok(await run(['plugins', 'link', dir]))
      const result = JSON.parse(ok(await run(['plugins', 'reset', '--yes', '--json'])).stdout) as {status: string; plugins: {name: string; status: string}[]}
      expect(result.status).toBe('reset')
      expect(result.plugins.map((p) => [p.name, p.status])).toEqual([['alpha', 'removed'], ['beta', 'removed']])
      const listed = JSON.parse(ok(await run(['plugins', 'list', '--json'])).stdout) as {plugins: {origin: string}[]}
      expect(listed.plugins.every((p) => p.origin === 'bundled')).toBe(true)
      expect(await skills()).toEqual([])
      expect(ok(await run(['plugins', 'reset'])).stdout).toContain('nothing to reset')
    } finally {
      await rm(join(dir, '..'), {force: true, recursive: true})
    }
  })

  it('tries every plugin when removals fail, keeps each failed one as it was, and exits non-zero naming them', async () => {
    await install('alpha')
    await install('beta')
    const before = await readFile(join(host.home, 'state', 'plugins.json'), 'utf8')
    const result = await run(['plugins', 'reset', '--yes', '--json'], {AIGOGO_TEST_FAILPOINT: 'promote'})
    expect(result.exitCode).toBe(70)
    const error = jsonError(result) as {code: string; details?: {failed: {name: string}[]}}
    expect(error.code).toBe('PLUGINS_RESET_INCOMPLETE')
    expect(error.details?.failed.map((f) => f.name)).toEqual(['alpha', 'beta'])
    expect((JSON.parse(result.stdout) as {plugins: {status: string}[]}).plugins.map((p) => p.status)).toEqual(['failed', 'failed'])
    expect(await readFile(join(host.home, 'state', 'plugins.json'), 'utf8')).toBe(before)
    expect(await skills()).toEqual(['aigogo-alpha-greet', 'aigogo-beta-greet'])
  })

  it('asks on a terminal: "n" keeps everything, "y" removes', async () => {
    await install('alpha')
    // CI=1: no update banner, so no detached background check writes into the home after the test removed it.
    const terminalEnv = host.env({CI: '1'})
    const declined = await aigogoOnTerminal(['plugins', 'reset'], {env: terminalEnv, home: host.home, input: 'n\n'})
    expect(declined.output).toContain('alpha 1.0.0 (installed)')
    expect(declined.output).toContain('Cancelled; nothing removed.')
    expect(await skills()).toEqual(['aigogo-alpha-greet'])
    const accepted = await aigogoOnTerminal(['plugins', 'reset'], {env: terminalEnv, home: host.home, input: 'y\n'})
    expect(accepted.exitCode, accepted.output).toBe(0)
    expect(accepted.output).toContain('removed alpha')
    expect(await skills()).toEqual([])
  })
})
