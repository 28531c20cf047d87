/**
 * Update, remove, link, sync and first-party shadowing through the real CLI, and the promise
 * that a failure at any step leaves the previous install, the state files and every target
 * exactly as they were.
 */
import {lstat, mkdir, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it, onTestFinished} from 'vitest'

import {jsonError, REPO_ROOT} from './helpers/cli.js'
import {buildPluginDir, buildRelease} from './helpers/github-standin.js'
import {pluginHostFixture} from './helpers/plugin-host-fixture.js'

const REPO = 'acme/aigogo-plugin-example'
const SOURCE = `github.com/${REPO}`

const host = pluginHostFixture({prefix: 'aigogo-plugins-'})
const {everything, run, writeConfig} = host

async function publish(tag: string, options: Parameters<typeof buildRelease>[1] = {}, repo = REPO): Promise<void> {
  host.standin.addRelease(repo, (await buildRelease(tag, options)).release)
}

async function installV1(): Promise<void> {
  await publish('v1.0.0', {extraFiles: {'assets/skills/aigogo-example-old/SKILL.md': 'old skill'}})
  const result = await run(['plugins', 'install', 'example', '--source', SOURCE, '--yes'])
  expect(result.exitCode, result.stderr).toBe(0)
  // The plugin's runtime data, a user's own skill, and another plugin's namespace sharing our prefix.
  await mkdir(join(host.home, 'plugins', 'example', 'state', 'nested'), {recursive: true})
  await writeFile(join(host.home, 'plugins', 'example', 'state', 'nested', 'db.json'), '{"kept":true}')
  await writeFile(join(host.targetRoot, 'skills', 'my-own-skill.md'), 'user file')
  await mkdir(join(host.targetRoot, 'skills', 'aigogo-example-bar-thing'), {recursive: true})
  await writeFile(join(host.targetRoot, 'skills', 'aigogo-example-bar-thing', 'SKILL.md'), 'belongs to plugin example-bar')
}

describe('plugins update', () => {
  it('moves to the latest stable version, keeps state/, prunes only its own stale assets, then says it is up to date', async () => {
    await installV1()
    await publish('v2.0.0', {version: '2.0.0'})
    host.standin.addRelease(REPO, {prerelease: true, tag: 'v3.0.0-rc.1'})
    const updated = await run(['plugins', 'update', 'example', '--json'])
    expect(updated.exitCode, updated.stderr).toBe(0)
    expect(JSON.parse(updated.stdout)).toMatchObject({previous: '1.0.0', status: 'updated', version: '2.0.0'})
    expect((await run(['example', 'hello'])).stdout).toContain('aigogo-plugin-example 2.0.0')
    expect(await readFile(join(host.home, 'plugins', 'example', 'state', 'nested', 'db.json'), 'utf8')).toBe('{"kept":true}')
    const skills = (await readdir(join(host.targetRoot, 'skills'))).sort()
    expect(skills).toEqual(['aigogo-example-bar-thing', 'aigogo-example-greet', 'my-own-skill.md'])

    const again = await run(['plugins', 'update', 'example'])
    expect(again.exitCode).toBe(0)
    expect(again.stdout).toContain('already at the latest stable version 2.0.0')
  })

  it('refuses to update a plugin that is not installed', async () => {
    const result = await run(['plugins', 'update', 'example', '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([1, 'PLUGIN_UNKNOWN'])
  })

  for (const step of ['sync', 'promote', 'ownership']) {
    it(`a failure after the "${step}" step leaves the previous install, the state files and the target untouched`, async () => {
      await installV1()
      await publish('v2.0.0', {version: '2.0.0'})
      const before = await everything()
      const result = await run(['plugins', 'update', 'example', '--json'], {AIGOGO_TEST_FAILPOINT: step})
      expect(result.exitCode).toBe(70)
      expect(await everything()).toEqual(before)
      expect((await run(['example', 'hello'])).stdout).toContain('1.0.0')
    })
  }

  it('a target that cannot be written half-way through the sync is rolled back completely', async () => {
    await installV1()
    await publish('v2.0.0', {version: '2.0.0'})
    // Skills sync first and succeed; the commands folder is a file, so the commands copy fails.
    await writeConfig([{agents: 'agents', commands: 'blocked', name: 'claude-code', root: host.targetRoot, skills: 'skills'}])
    await writeFile(join(host.targetRoot, 'blocked'), 'not a folder')
    const before = await everything()
    const result = await run(['plugins', 'update', 'example', '--json'])
    expect(result.exitCode).not.toBe(0)
    expect(await everything()).toEqual(before)
  })

  it('a download that fails checksum verification leaves the previous install working', async () => {
    await installV1()
    const built = await buildRelease('v2.0.0', {version: '2.0.0'})
    built.release.assets!['checksums.txt'] = `${'1'.repeat(64)}  ${built.assetName}\n`
    host.standin.addRelease(REPO, built.release)
    const before = await everything()
    const result = await run(['plugins', 'update', 'example', '--json'])
    expect(jsonError(result).code).toBe('PLUGIN_CHECKSUM_MISMATCH')
    expect(await everything()).toEqual(before)
  })
})

describe('plugins remove', () => {
  it('removes exactly what the plugin placed, keeps its state/ and the files of users and other plugins', async () => {
    await installV1()
    const result = await run(['plugins', 'remove', 'example'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toContain(join(host.home, 'plugins', 'example', 'state'))
    expect(await readdir(join(host.home, 'plugins', 'example'))).toEqual(['state'])
    expect((await readdir(join(host.targetRoot, 'skills'))).sort()).toEqual(['aigogo-example-bar-thing', 'my-own-skill.md'])
    expect(await readdir(join(host.targetRoot, 'agents'))).toEqual([])
    expect(await readdir(join(host.targetRoot, 'commands'))).toEqual([])
    expect(JSON.parse(await readFile(join(host.home, 'state', 'plugins.json'), 'utf8'))).toEqual({plugins: []})
    const unknown = await run(['plugins', 'remove', 'example', '--json'])
    expect([unknown.exitCode, jsonError(unknown).code]).toEqual([1, 'PLUGIN_UNKNOWN'])
  })

  it('a failure after any step leaves everything as it was', async () => {
    await installV1()
    const before = await everything()
    for (const step of ['sync', 'promote', 'ownership']) {
      const result = await run(['plugins', 'remove', 'example'], {AIGOGO_TEST_FAILPOINT: step})
      expect([step, result.exitCode]).toEqual([step, 70])
      expect(await everything()).toEqual(before)
    }
  })
})

describe('first-party plugins', () => {
  it('an installed release shadows the bundled copy, and removing it falls back to the bundled one', async () => {
    // First-party releases live in the kernel's repository under plugins/<name>/vX.Y.Z tags.
    await publish('plugins/depgen/v9.1.0', {name: 'depgen', packageName: '@aigogo/plugin-depgen', version: '9.1.0'}, 'aigogo-dev/aigogo')
    host.standin.addRelease('aigogo-dev/aigogo', {tag: 'v99.0.0'}) // a kernel release: never mistaken for depgen's latest
    const installed = await run(['plugins', 'install', 'depgen', '--json'])
    expect(installed.exitCode, installed.stderr).toBe(0)
    expect(JSON.parse(installed.stdout)).toMatchObject({version: '9.1.0'})
    const record = JSON.parse(await readFile(join(host.home, 'state', 'plugins.json'), 'utf8')).plugins[0]
    expect(record).toMatchObject({package: '@aigogo/plugin-depgen', source: {tagPrefix: 'plugins/depgen/'}, version: '9.1.0'})
    expect(record['trusted-at']).toBeUndefined()

    const version = JSON.parse((await run(['version', '--json'])).stdout) as {plugins: {name: string; origin: string; version: string; shadows?: string}[]}
    expect(version.plugins.find((p) => p.name === 'depgen')).toMatchObject({origin: 'installed', shadows: '0.1.0', version: '9.1.0'})
    expect((await run(['depgen', 'hello'])).stdout).toContain('@aigogo/plugin-depgen 9.1.0')

    const removed = await run(['plugins', 'remove', 'depgen'])
    expect(removed.exitCode, removed.stderr).toBe(0)
    const listed = JSON.parse((await run(['plugins', 'list', '--json'])).stdout) as {plugins: {name: string; origin: string; version: string}[]}
    expect(listed.plugins.find((p) => p.name === 'depgen')).toMatchObject({origin: 'bundled', version: '0.1.0'})
  })
})

describe('plugins link and sync', () => {
  it('links a working directory, runs its command, and syncs the kernel\'s own skill with plugins sync', async () => {
    const dir = await buildPluginDir({name: 'example', version: '0.0.1'})
    onTestFinished(() => rm(join(dir, '..'), {force: true, recursive: true}))
    // A falsy sub-path skips that category with a one-line warning.
    await writeConfig([{agents: false, commands: '', name: 'claude-code', root: host.targetRoot, skills: 'skills'}])
    const linked = await run(['plugins', 'link', dir, '--json'])
    expect(linked.exitCode, linked.stderr).toBe(0)
    expect(JSON.parse(linked.stdout)).toMatchObject({name: 'example', root: dir})
    expect((await run(['example', 'hello'])).stdout).toContain('0.0.1')
    const listed = JSON.parse((await run(['plugins', 'list', '--json'])).stdout) as {plugins: {name: string; origin: string}[]}
    expect(listed.plugins.find((p) => p.name === 'example')?.origin).toBe('linked')

    const synced = await run(['plugins', 'sync'])
    expect(synced.exitCode, synced.stderr).toBe(0)
    expect(synced.stderr).toContain('target claude-code: agents skipped')
    expect(await readFile(join(host.targetRoot, 'skills', 'aigogo', 'SKILL.md'), 'utf8')).toMatch(/^---\nname: aigogo\n/)
    expect(await readdir(join(host.targetRoot, 'skills', 'aigogo-example-greet'))).toEqual(['SKILL.md'])
    await expect(lstat(join(host.targetRoot, 'agents'))).rejects.toThrow()

    const removed = await run(['plugins', 'remove', 'example'])
    expect(removed.exitCode).toBe(0)
    expect(await readdir(dir)).toContain('package.json') // the author's directory is left alone
    await expect(lstat(join(host.targetRoot, 'skills', 'aigogo-example-greet'))).rejects.toThrow()
  })

  it('refuses to link over an installed plugin (its record, trust and files stay as they were)', async () => {
    await installV1()
    const dir = await buildPluginDir({name: 'example', version: '0.0.1'})
    onTestFinished(() => rm(join(dir, '..'), {force: true, recursive: true}))
    const before = await everything()
    const linked = await run(['plugins', 'link', dir, '--json'])
    expect([linked.exitCode, jsonError(linked).code]).toEqual([2, 'PLUGIN_ALREADY_INSTALLED'])
    expect(jsonError(linked).hints.join('\n')).toContain('aigogo plugins remove example')
    expect(await everything()).toEqual(before)
    expect(await readdir(dir)).not.toContain('node_modules')
    expect((await run(['example', 'hello'])).stdout).toContain('1.0.0')
  })

  it('link adds no peer links to a directory whose parent node_modules already provides them', async () => {
    const dir = await buildPluginDir({name: 'example', version: '0.0.1'})
    const parent = join(dir, '..')
    onTestFinished(() => rm(parent, {force: true, recursive: true}))
    // A workspace: the peers live in the parent folder's node_modules.
    for (const peer of ['@aigogo/sdk', '@oclif/core']) {
      await mkdir(join(parent, 'node_modules', peer, '..'), {recursive: true})
      await symlink(join(REPO_ROOT, 'node_modules', peer), join(parent, 'node_modules', peer))
    }
    const linked = await run(['plugins', 'link', dir, '--json'])
    expect(linked.exitCode, linked.stderr).toBe(0)
    expect(JSON.parse(linked.stdout)).toMatchObject({peersLinked: []})
    expect(await readdir(dir)).not.toContain('node_modules')
    expect((await run(['example', 'hello'])).stdout).toContain('0.0.1')
  })

  it('uses the default targets only when the AI tool is present in HOME', async () => {
    await writeFile(host.config, '{}')
    await mkdir(join(host.userHome, '.claude'), {recursive: true})
    const synced = await run(['plugins', 'sync', '--json'])
    expect(synced.exitCode, synced.stderr).toBe(0)
    expect(JSON.parse(synced.stdout).targets.map((t: {name: string}) => t.name)).toEqual(['claude-code'])
    expect(await readdir(join(host.userHome, '.claude', 'skills'))).toEqual(['aigogo'])
    await expect(lstat(join(host.userHome, '.codex'))).rejects.toThrow()
  })
})
