/**
 * The plugin host end to end: the real CLI installs real release assets (built from
 * test/fixtures/example-plugin) from a local GitHub stand-in into a private AIGOGO_HOME, with AI-tool
 * targets in temp dirs (HOME is a temp dir too, so the defaults never reach a real home).
 */
import {lstat, readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {jsonError} from './helpers/cli.js'
import {buildRelease} from './helpers/github-standin.js'
import {pluginHostFixture} from './helpers/plugin-host-fixture.js'
import {aigogoOnTerminal} from './helpers/terminal.js'

const REPO = 'acme/aigogo-plugin-example'
const SOURCE = `github.com/${REPO}`
const TOKEN = 'test-token-123'

const host = pluginHostFixture({env: {AIGOGO_HTTP_TIMEOUT_MS: '1500', GITHUB_TOKEN: TOKEN}, prefix: 'aigogo-plugins-'})
const {readState, run} = host

async function publish(tag: string, options: Parameters<typeof buildRelease>[1] = {}, repo = REPO): Promise<void> {
  host.standin.addRelease(repo, (await buildRelease(tag, options)).release)
}

describe('plugins install (third-party)', () => {
  it('installs the latest stable release across pages, runs its command and syncs its assets into the target', async () => {
    await publish('v1.0.0', {version: '1.0.0'})
    await publish('v1.2.0', {version: '1.2.0'})
    // Newer-looking noise the lookup must skip: prerelease, draft, another prefix, a malformed tag.
    host.standin.addRelease(REPO, {prerelease: true, tag: 'v2.0.0-rc.1'})
    host.standin.addRelease(REPO, {draft: true, tag: 'v3.0.0'})
    host.standin.addRelease(REPO, {tag: 'plugins/other/v9.0.0'})
    host.standin.addRelease(REPO, {tag: 'v9.oops'})
    // Newest first, three per page: v1.2.0 is on page 2, so the lookup must paginate.
    const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--yes', '--json'])
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({name: 'example', status: 'installed', version: '1.2.0'})
    expect(host.standin.requests.filter((r) => r.path.includes('/releases?')).length).toBe(2)

    const [record] = (await readState()).plugins
    expect(record).toMatchObject({kind: 'installed', name: 'example', package: 'aigogo-plugin-example', source: {host: 'github.com', repo: REPO, tagPrefix: ''}, version: '1.2.0'})
    expect(typeof record!['trusted-at']).toBe('string')

    const hello = await run(['example', 'hello', 'ada'])
    expect(hello.stdout.trim()).toBe('hello ada from aigogo-plugin-example 1.2.0')

    const listed = JSON.parse((await run(['plugins', 'list', '--json'])).stdout) as {plugins: {name: string; origin: string; version: string}[]}
    expect(listed.plugins.find((p) => p.name === 'example')).toMatchObject({origin: 'installed', version: '1.2.0'})

    expect(await readFile(join(host.targetRoot, 'skills', 'aigogo-example-greet', 'SKILL.md'), 'utf8')).toContain('name: aigogo-example-greet')
    expect(await readFile(join(host.targetRoot, 'agents', 'aigogo-example-greeter.md'), 'utf8')).toContain('aigogo-example-greeter')
    expect(await readFile(join(host.targetRoot, 'commands', 'aigogo-example', 'greet.md'), 'utf8')).toContain('aigogo example hello')
    // The peers resolve to the kernel's copies.
    expect((await lstat(join(host.home, 'plugins', 'example', 'node_modules', '@aigogo', 'sdk'))).isSymbolicLink()).toBe(true)
  })

  it('sends GITHUB_TOKEN to the API host and never to the host an asset download redirects to', async () => {
    await publish('v1.0.0')
    const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--yes'])
    expect(result.exitCode).toBe(0)
    const api = host.standin.requests.filter((r) => r.host === 'api')
    const cdn = host.standin.requests.filter((r) => r.host === 'cdn')
    expect(api.length).toBeGreaterThan(0)
    expect(cdn.length).toBe(2) // checksums.txt and the bundle, both redirected
    expect(api.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true)
    expect(cdn.every((r) => r.authorization === undefined)).toBe(true)
  })

  it('installs an explicit --version, a pre-release included, and records the bare version', async () => {
    await publish('v1.0.0')
    host.standin.addRelease(REPO, {...(await buildRelease('v1.1.0-rc.1', {version: '1.1.0-rc.1'})).release, prerelease: true})
    const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--version', 'v1.1.0-rc.1', '--yes', '--json'])
    expect(result.exitCode).toBe(0)
    expect((await readState()).plugins[0]).toMatchObject({version: '1.1.0-rc.1'})
  })

  it('refuses a third-party source without --yes when stdin is not a terminal, before downloading anything', async () => {
    await publish('v1.0.0')
    const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--json'])
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('PLUGIN_THIRDPARTY_UNCONFIRMED')
    expect(host.standin.requests).toEqual([])
    await expect(lstat(join(host.home, 'plugins', 'example'))).rejects.toThrow()
  })

  it('on a terminal, asks; a "n" is reported as a decline (not as a missing terminal) and a "y" installs', async () => {
    await publish('v1.0.0')
    const env = {AIGOGO_CONFIG: host.config, AIGOGO_GITHUB_API_URL: host.standin.apiUrl, HOME: host.userHome}
    const declined = await aigogoOnTerminal(['plugins', 'install', 'example', '--source', SOURCE], {env, home: host.home, input: 'n\n'})
    expect(declined.exitCode).toBe(2)
    expect(declined.output).toContain('Continue? [y/N]')
    expect(declined.output).toContain('you declined to trust it')
    expect(declined.output).toContain('answer y, or add --yes')
    expect(declined.output).not.toContain('run the command in a terminal')
    expect(declined.output).toContain('[exit 2: PLUGIN_THIRDPARTY_UNCONFIRMED]')
    // Nothing of the plugin's was fetched.
    expect(host.standin.requests.filter((request) => request.path.includes(`/repos/${REPO}/`))).toEqual([])
    await expect(lstat(join(host.home, 'plugins', 'example'))).rejects.toThrow()
    const accepted = await aigogoOnTerminal(['plugins', 'install', 'example', '--source', SOURCE], {env, home: host.home, input: 'y\n'})
    expect(accepted.exitCode, accepted.output).toBe(0)
    expect((await readState()).plugins[0]).toMatchObject({name: 'example'})
  })

  it('refuses reserved, invalid and unknown names with coded errors and writes nothing', async () => {
    const reserved = await run(['plugins', 'install', 'push', '--source', SOURCE, '--yes', '--json'])
    expect([reserved.exitCode, jsonError(reserved).code]).toEqual([1, 'PLUGIN_NAME_RESERVED'])
    const kernelVerb = await run(['plugins', 'install', 'plugins', '--source', SOURCE, '--yes', '--json'])
    expect(jsonError(kernelVerb).code).toBe('PLUGIN_NAME_RESERVED')
    const firstParty = await run(['plugins', 'install', 'store', '--source', SOURCE, '--yes', '--json'])
    expect(jsonError(firstParty).code).toBe('PLUGIN_NAME_RESERVED')
    for (const bad of ['../evil', 'Upper', 'a/b', 'x--y', 'x-', '9lives']) {
      const invalid = await run(['plugins', 'install', bad, '--source', SOURCE, '--yes', '--json'])
      expect([bad, invalid.exitCode, jsonError(invalid).code]).toEqual([bad, 1, 'PLUGIN_NAME_INVALID'])
    }
    // Not first-party and no --source: an npm package, so third-party consent comes first.
    const unknown = await run(['plugins', 'install', 'nope', '--json'])
    expect([unknown.exitCode, jsonError(unknown).code]).toEqual([2, 'PLUGIN_THIRDPARTY_UNCONFIRMED'])
    expect(host.standin.requests).toEqual([])
    await expect(lstat(join(host.home, 'plugins'))).rejects.toThrow()
  })

  it('maps 401/403 to PLUGIN_FETCH_UNAUTHORIZED (exit 1) and 5xx and timeouts to PLUGIN_FETCH_FAILED (exit 3)', async () => {
    await publish('v1.0.0')
    for (const [fault, exit, code] of [
      [{status: 401}, 1, 'PLUGIN_FETCH_UNAUTHORIZED'],
      [{status: 403}, 1, 'PLUGIN_FETCH_UNAUTHORIZED'],
      [{status: 503}, 3, 'PLUGIN_FETCH_FAILED'],
      [{hang: true}, 3, 'PLUGIN_FETCH_FAILED'],
    ] as const) {
      host.standin.faults.length = 0
      host.standin.faults.push({fault, pattern: /releases/})
      const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--yes', '--json'], {AIGOGO_HTTP_TIMEOUT_MS: '400'})
      const error = jsonError(result)
      expect([result.exitCode, error.code]).toEqual([exit, code])
      if (code === 'PLUGIN_FETCH_UNAUTHORIZED') expect(error.hints.join(' ')).toContain('GITHUB_TOKEN')
    }
    await expect(lstat(join(host.home, 'plugins', 'example'))).rejects.toThrow()
  })

  it('says so when no stable release matches the prefix', async () => {
    host.standin.setReleases(REPO, [{prerelease: true, tag: 'v1.0.0-rc.1'}, {tag: 'plugins/x/v1.0.0'}])
    const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--yes', '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([3, 'PLUGIN_FETCH_FAILED'])
    expect(jsonError(result).message).toContain('no stable release')
  })
})

describe('plugins install strips special mode bits from a bundle', () => {
  it('setuid, setgid, sticky and group/world-writable bits do not survive unpacking', async () => {
    const modes = {'bin-setgid.sh': 0o2775, 'shared': 0o1777, 'suid.py': 0o4755, 'world.txt': 0o666}
    await publish('v1.0.0', {extraFiles: {'bin-setgid.sh': '#!/bin/sh\n', 'shared/x.txt': 'x', 'suid.py': 'print(1)\n', 'world.txt': 'w'}, modes})
    const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--yes', '--json'])
    expect(result.exitCode).toBe(0)
    const modeOf = async (path: string): Promise<number> => (await lstat(join(host.home, 'plugins', 'example', path))).mode & 0o7777
    expect(await modeOf('suid.py')).toBe(0o755)
    expect(await modeOf('bin-setgid.sh')).toBe(0o755)
    expect(await modeOf('shared')).toBe(0o755)
    expect(await modeOf('world.txt')).toBe(0o644)
  })
})

describe('plugins install refuses a bundle it cannot trust, and installs nothing', () => {
  async function expectRefused(code: string, exit: number): Promise<void> {
    const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--yes', '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([exit, code])
    expect(await readdir(join(host.home, 'plugins')).catch(() => [])).toEqual([])
    await expect(lstat(join(host.home, 'state', 'plugins.json'))).rejects.toThrow()
    await expect(lstat(host.targetRoot)).rejects.toThrow()
  }

  it('a wrong checksum', async () => {
    const built = await buildRelease('v1.0.0')
    built.release.assets!['checksums.txt'] = `${'0'.repeat(64)}  ${built.assetName}\n`
    host.standin.addRelease(REPO, built.release)
    await expectRefused('PLUGIN_CHECKSUM_MISMATCH', 3)
  })

  it('a checksums.txt without the bundle, and a release without checksums.txt', async () => {
    const built = await buildRelease('v1.0.0')
    built.release.assets!['checksums.txt'] = `${'a'.repeat(64)}  something-else.tgz\n`
    host.standin.addRelease(REPO, built.release)
    await expectRefused('PLUGIN_CHECKSUM_MISSING', 3)
    delete built.release.assets!['checksums.txt']
    await expectRefused('PLUGIN_CHECKSUM_MISSING', 3)
  })

  it('a checksums.txt that lists the bundle twice, even when the last line matches', async () => {
    const built = await buildRelease('v1.0.0')
    const good = built.release.assets!['checksums.txt'] as string
    built.release.assets!['checksums.txt'] = `${'0'.repeat(64)}  ${built.assetName}\n${good}`
    host.standin.addRelease(REPO, built.release)
    await expectRefused('PLUGIN_CHECKSUM_AMBIGUOUS', 3)
    // The same line twice is ambiguous too: a checksum file names each asset once.
    built.release.assets!['checksums.txt'] = `${good}${good}`
    await expectRefused('PLUGIN_CHECKSUM_AMBIGUOUS', 3)
  })

  it('skills outside the aigogo-<name>- namespace', async () => {
    await publish('v1.0.0', {extraFiles: {'assets/skills/greet/SKILL.md': '---\nname: greet\n---\n'}})
    await expectRefused('PLUGIN_ASSET_NAMING', 1)
  })

  it('a bundle without assets/', async () => {
    await publish('v1.0.0', {remove: ['assets']})
    await expectRefused('PLUGIN_ASSET_MISSING', 3)
  })

  it('a bundle that claims a bundled plugin\'s package', async () => {
    await publish('v1.0.0', {packageName: '@aigogo/plugin-store'})
    await expectRefused('PLUGIN_PACKAGE_CONFLICT', 1)
  })
})
