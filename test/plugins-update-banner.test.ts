/**
 * The update check and banner: the background poll (run here directly, as the banner would
 * spawn it) finds prefix-aware latest versions on the stand-in; the banner prints them once a
 * day on a terminal (a real pty through `script`), and stays silent with --json, under CI and
 * without a terminal.
 */
import {execa} from 'execa'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'

import {aigogo, BIN, cleanEnv, REPO_ROOT} from './helpers/cli.js'
import {useGithubStandin} from './helpers/github-standin-per-file.js'
import {useTempWorkDir} from './helpers/temp-work-dir.js'

const github = useGithubStandin()
const work = useTempWorkDir('aigogo-banner-')
const KERNEL_VERSION = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {version: string}).version
const home = (): string => join(work.path, 'home')

beforeEach(async () => {
  await mkdir(join(home(), 'state'), {recursive: true})
  await writeFile(join(home(), 'state', 'plugins.json'), JSON.stringify({plugins: [
    {'installed-at': '2026-01-01T00:00:00Z', kind: 'installed', name: 'store', package: '@aigogo/plugin-store', source: {host: 'github.com', repo: 'aigogo-dev/aigogo', tagPrefix: 'plugins/store/'}, version: '0.4.0'},
    {'installed-at': '2026-01-01T00:00:00Z', kind: 'installed', name: 'lint', package: 'acme-lint', source: {host: 'github.com', repo: 'acme/lint', tagPrefix: ''}, version: '1.0.0'},
  ]}))
})

function env(extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({AIGOGO_GITHUB_API_URL: github.standin.apiUrl, AIGOGO_HOME: home(), CI: undefined, HOME: work.path, ...extra})
}

/** Runs the CLI with stderr on a pseudo-terminal. */
async function onTerminal(args: string[], extra: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ')
  const result = await execa('script', ['-qec', command, '/dev/null'], {env: env(extra), extendEnv: false, reject: false})
  return String(result.stdout)
}

async function cache(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(home(), 'state', 'update-check.json'), 'utf8')) as Record<string, unknown>
}

describe('update check', () => {
  it('records the prefix-aware latest stable version of the kernel and of each installed plugin', async () => {
    github.standin.setReleases('aigogo-dev/aigogo', [
      {tag: 'v0.9.0-rc.1', prerelease: true},
      {tag: 'plugins/store/v0.6.1'},
      {tag: 'v0.8.0'},
      {tag: 'plugins/store/v0.7.0-rc.1', prerelease: true},
      {tag: 'plugins/store/v0.5.0'},
      {tag: 'plugins/depgen/v3.0.0'},
    ])
    github.standin.setReleases('acme/lint', [{tag: 'v1.1.0'}, {tag: 'v2.0.0', draft: true}])
    const poll = await execa(process.execPath, [join(REPO_ROOT, 'dist', 'host', 'update-poll.js'), '0.1.0'], {env: env(), extendEnv: false})
    expect(poll.stdout + poll.stderr).toBe('')
    const written = await cache()
    expect(written.kernel).toEqual({current: '0.1.0', latest: '0.8.0'})
    expect(written.plugins).toEqual([{current: '0.4.0', latest: '0.6.1', name: 'store'}, {current: '1.0.0', latest: '1.1.0', name: 'lint'}])
  })
})

describe('background refresh', () => {
  it('a stale cache starts a detached check that refreshes it, without the command waiting for it', async () => {
    github.standin.setReleases('aigogo-dev/aigogo', [{tag: 'v42.0.0'}])
    await writeFile(join(home(), 'state', 'update-check.json'), JSON.stringify({'last-check': '2020-01-01T00:00:00.000Z'}))
    await onTerminal(['version'])
    let refreshed: Record<string, unknown> = {}
    for (let i = 0; i < 100 && !refreshed.kernel; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      refreshed = await cache().catch(() => ({}))
    }
    expect(refreshed.kernel).toEqual({current: KERNEL_VERSION, latest: '42.0.0'})
    expect(refreshed['last-check']).not.toBe('2020-01-01T00:00:00.000Z')
  })
})

describe('AIGOGO_NO_UPDATE_CHECK', () => {
  it('starts no background check, even with a stale cache on a terminal; "0" leaves it on', async () => {
    github.standin.setReleases('aigogo-dev/aigogo', [{tag: 'v43.0.0'}])
    const stale = JSON.stringify({'last-check': '2020-01-01T00:00:00.000Z'})
    await writeFile(join(home(), 'state', 'update-check.json'), stale)
    await onTerminal(['version'], {AIGOGO_NO_UPDATE_CHECK: '1'})
    // The check that does start (the "0" run below) refreshes the cache within a few hundred ms.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await readFile(join(home(), 'state', 'update-check.json'), 'utf8')).toBe(stale)
    await onTerminal(['version'], {AIGOGO_NO_UPDATE_CHECK: '0'})
    let refreshed: Record<string, unknown> = {}
    for (let i = 0; i < 100 && !refreshed.kernel; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      refreshed = await cache().catch(() => ({}))
    }
    expect(refreshed.kernel).toEqual({current: KERNEL_VERSION, latest: '43.0.0'})
  })
})

describe('update banner', () => {
  beforeEach(async () => {
    await writeFile(join(home(), 'state', 'update-check.json'), JSON.stringify({
      kernel: {current: KERNEL_VERSION, latest: '99.0.0'},
      'last-check': new Date().toISOString(), // fresh: no background check is started
      plugins: [{current: '0.4.0', latest: '0.6.1', name: 'store'}],
    }))
  })

  it('shows pending updates on a terminal once a day, then stays quiet', async () => {
    const first = await onTerminal(['version'])
    expect(first).toContain('[aigogo] Updates available:')
    expect(first).toContain(`aigogo ${KERNEL_VERSION} → 99.0.0`)
    expect(first).toContain('store 0.4.0 → 0.6.1   run: aigogo plugins update store')
    expect((await cache())['last-banner-date']).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const second = await onTerminal(['version'])
    expect(second).not.toContain('[aigogo]')
  })

  it('is silent with --json, under CI and without a terminal', async () => {
    expect(await onTerminal(['version', '--json'])).not.toContain('[aigogo]')
    expect(await onTerminal(['version'], {CI: '1'})).not.toContain('[aigogo]')
    expect(await onTerminal(['version'], {AIGOGO_NO_UPDATE_CHECK: '1'})).not.toContain('[aigogo]')
    const piped = await aigogo(['version'], {env: {AIGOGO_GITHUB_API_URL: github.standin.apiUrl, HOME: work.path}, home: home()})
    expect(piped.stderr).not.toContain('[aigogo]')
    expect((await cache())['last-banner-date']).toBeUndefined()
  })
})
