/**
 * The host's rules between plugins, and between plugins and the user, through the real CLI and
 * the local GitHub Releases stand-in: a third-party plugin cannot take over aigogo's commands,
 * an asset has exactly one owner, and a file the host did not write is never overwritten or deleted.
 */
import {lstat, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it, onTestFinished} from 'vitest'

import {jsonError, type RunResult} from './helpers/cli.js'
import {type BundleOptions, buildPluginDir, checksumsFor, packPluginDir} from './helpers/github-standin.js'
import {pluginHostFixture} from './helpers/plugin-host-fixture.js'
import {snapshotTree} from './helpers/tree-snapshot.js'

const host = pluginHostFixture({prefix: 'aigogo-plugins-'})
const {everything, run} = host

type Manifest = {commands: Record<string, Record<string, unknown>>; version: string}

/** The fixture plugin built as `name`, its manifest changed by `edit` (as `oclif manifest` would write it). */
async function pluginDir(options: BundleOptions, edit?: (manifest: Manifest) => void): Promise<string> {
  const dir = await buildPluginDir(options)
  onTestFinished(() => rm(join(dir, '..'), {force: true, recursive: true}))
  if (edit) {
    const manifest = JSON.parse(await readFile(join(dir, 'oclif.manifest.json'), 'utf8')) as Manifest
    edit(manifest)
    await writeFile(join(dir, 'oclif.manifest.json'), JSON.stringify(manifest))
  }
  return dir
}

/** Publishes a plugin directory as release v<version> of acme/aigogo-plugin-<name>. */
async function publishDir(dir: string, name: string, version = '1.0.0'): Promise<string> {
  const bundle = await packPluginDir(dir)
  const assetName = `aigogo-plugin-${name}-${version}.tgz`
  host.standin.addRelease(`acme/aigogo-plugin-${name}`, {assets: {[assetName]: bundle, 'checksums.txt': checksumsFor({[assetName]: bundle})}, tag: `v${version}`})
  return `github.com/acme/aigogo-plugin-${name}`
}

async function install(name: string, options: BundleOptions = {}, edit?: (manifest: Manifest) => void): Promise<RunResult> {
  const source = await publishDir(await pluginDir({name, ...options}, edit), name, options.version)
  return run(['plugins', 'install', name, '--source', source, '--yes', '--json'])
}

/** A copy of the fixture's example:hello command under another id. */
function addCommand(manifest: Manifest, id: string, fields: Record<string, unknown> = {}): void {
  const [template] = Object.values(manifest.commands)
  manifest.commands[id] = {...template, id, ...fields}
}

describe('commands that collide with aigogo\'s own', () => {
  const cases: [string, (manifest: Manifest) => void, string][] = [
    ['a top-level "build" command', (m) => addCommand(m, 'build'), '"build"'],
    ['a "version" alias', (m) => Object.assign(Object.values(m.commands)[0]!, {aliases: ['version']}), '"version" (an alias of "example hello")'],
    ['a hidden "help" alias', (m) => Object.assign(Object.values(m.commands)[0]!, {hiddenAliases: ['help']}), '"help"'],
    ['a command in the "plugins" topic', (m) => addCommand(m, 'plugins:hijack'), '"plugins hijack"'],
  ]
  for (const [what, edit, named] of cases) {
    it(`refuses to install a plugin with ${what} (PLUGIN_COMMAND_CONFLICT), and installs nothing`, async () => {
      const result = await install('example', {}, edit)
      expect([result.exitCode, jsonError(result).code], result.stderr).toEqual([1, 'PLUGIN_COMMAND_CONFLICT'])
      expect(jsonError(result).message).toContain(named)
      expect(await snapshotTree(host.home)).not.toHaveProperty('./plugins/example')
      await expect(lstat(join(host.home, 'state', 'plugins.json'))).rejects.toThrow()
      await expect(lstat(join(host.targetRoot, 'skills'))).rejects.toThrow()
    })
  }

  it('refuses to link such a plugin, leaving the working directory as it was', async () => {
    const dir = await pluginDir({name: 'example'}, (m) => addCommand(m, 'version'))
    const before = await snapshotTree(dir)
    const result = await run(['plugins', 'link', dir, '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([1, 'PLUGIN_COMMAND_CONFLICT'])
    expect(await snapshotTree(dir)).toEqual(before)
    expect((await run(['version'])).exitCode).toBe(0)
    await expect(lstat(join(host.home, 'state', 'plugins.json'))).rejects.toThrow()
  })
})

describe('what an install says it added', () => {
  it('names the commands a plugin adds', async () => {
    const source = await publishDir(await pluginDir({name: 'example'}), 'example')
    const result = await run(['plugins', 'install', 'example', '--source', source, '--yes'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toContain('example adds aigogo example hello. Run `aigogo example hello --help`')
  })

  it('says a capability-only plugin adds no commands, instead of pointing at a help that does not exist', async () => {
    const dir = await pluginDir({extraFiles: {'dist/capabilities/greeting.js': 'export default {}\n'}, name: 'quiet', remove: ['dist/commands']}, (m) => {
      m.commands = {}
    })
    const pjson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {aigogo: Record<string, unknown>}
    pjson.aigogo.capabilities = {greeting: './dist/capabilities/greeting.js'}
    await writeFile(join(dir, 'package.json'), JSON.stringify(pjson))
    const source = await publishDir(dir, 'quiet')
    const result = await run(['plugins', 'install', 'quiet', '--source', source, '--yes'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toContain('quiet adds no commands: it provides capabilities (greeting)')
    expect(result.stderr).not.toContain('aigogo quiet --help')
    expect(JSON.parse((await run(['plugins', 'install', 'quiet', '--source', source, '--yes', '--json'])).stdout)).toMatchObject({capabilities: ['greeting'], commands: []})
  })
})

describe('an asset has exactly one owner', () => {
  const Z = 'assets/skills/aigogo-foo-bar-z/SKILL.md'

  it('the longer namespace owns it: foo-bar takes over the aigogo-foo-bar-z that foo placed, and removing foo leaves it', async () => {
    expect((await install('foo', {extraFiles: {[Z]: 'placed by foo'}})).exitCode).toBe(0)
    const z = join(host.targetRoot, 'skills', 'aigogo-foo-bar-z', 'SKILL.md')
    expect(await readFile(z, 'utf8')).toBe('placed by foo')
    const second = await install('foo-bar', {extraFiles: {[Z]: 'placed by foo-bar'}})
    expect(second.exitCode, second.stderr).toBe(0)
    expect(await readFile(z, 'utf8')).toBe('placed by foo-bar')
    const owners = JSON.parse(await readFile(join(host.home, 'state', 'assets.json'), 'utf8')).owners as Record<string, {skills: string[]}>
    expect(owners.foo!.skills).toEqual(['aigogo-foo-greet'])
    expect(owners['foo-bar']!.skills).toEqual(['aigogo-foo-bar-greet', 'aigogo-foo-bar-z'])

    // sync does not hand it back to foo (foo now ships an entry in foo-bar's namespace: skipped).
    const synced = await run(['plugins', 'sync'])
    expect(synced.exitCode, synced.stderr).toBe(0)
    expect(synced.stderr).toContain('plugin foo ships assets outside its aigogo-foo- namespace')
    expect(await readFile(z, 'utf8')).toBe('placed by foo-bar')

    const removed = await run(['plugins', 'remove', 'foo'])
    expect(removed.exitCode, removed.stderr).toBe(0)
    expect(await readFile(z, 'utf8')).toBe('placed by foo-bar')
    await expect(lstat(join(host.targetRoot, 'skills', 'aigogo-foo-greet'))).rejects.toThrow()
    expect((await run(['plugins', 'remove', 'foo-bar'])).exitCode).toBe(0)
    expect(await readdir(join(host.targetRoot, 'skills'))).toEqual(['aigogo']) // the kernel's own, placed by sync
  })

  it('removal never deletes an entry another owner also records (a state file written before this rule)', async () => {
    expect((await install('foo', {extraFiles: {[Z]: 'placed by foo'}})).exitCode).toBe(0)
    expect((await install('foo-bar', {extraFiles: {[Z]: 'placed by foo-bar'}})).exitCode).toBe(0)
    // Both claim it, without digests, as an older aigogo recorded it.
    const file = join(host.home, 'state', 'assets.json')
    const owners = JSON.parse(await readFile(file, 'utf8')).owners as Record<string, {skills: string[]; agents: string[]; placed?: unknown}>
    for (const assets of Object.values(owners)) delete assets.placed
    owners.foo!.skills.push('aigogo-foo-bar-z')
    await writeFile(file, JSON.stringify({owners}))
    expect((await run(['plugins', 'remove', 'foo'])).exitCode).toBe(0)
    expect(await readFile(join(host.targetRoot, 'skills', 'aigogo-foo-bar-z', 'SKILL.md'), 'utf8')).toBe('placed by foo-bar')
    // Entries recorded without a digest are still the host's to remove.
    expect((await run(['plugins', 'remove', 'foo-bar'])).exitCode).toBe(0)
    expect(await readdir(join(host.targetRoot, 'skills'))).toEqual([])
  })
})

describe('files of yours in a plugin\'s namespace', () => {
  for (const [what, path] of [
    ['a skill', ['skills', 'aigogo-example-greet', 'SKILL.md']],
    ['an agent', ['agents', 'aigogo-example-greeter.md']],
    ['a file in its commands folder', ['commands', 'aigogo-example', 'mine.md']],
  ] as const) {
    it(`${what} of yours is never overwritten: install refuses (PLUGIN_ASSET_CONFLICT) and changes nothing`, async () => {
      const mine = join(host.targetRoot, ...path)
      await mkdir(join(mine, '..'), {recursive: true})
      await writeFile(mine, 'my own file')
      const before = await snapshotTree(host.targetRoot)
      const result = await install('example')
      expect([result.exitCode, jsonError(result).code], result.stderr).toEqual([2, 'PLUGIN_ASSET_CONFLICT'])
      expect(jsonError(result).message).toContain(join(host.targetRoot, path[0], path[1]))
      expect(jsonError(result).hints.join('\n')).toContain('move them out of')
      expect(await snapshotTree(host.targetRoot)).toEqual(before)
      await expect(lstat(join(host.home, 'plugins', 'example'))).rejects.toThrow()
      await expect(lstat(join(host.home, 'state', 'plugins.json'))).rejects.toThrow()
      // Moved out of the way, the install goes through.
      await rm(join(host.targetRoot, path[0], path[1]), {recursive: true})
      expect((await install('example')).exitCode).toBe(0)
    })
  }

  it('a copy the host placed is updated and removed; once you change it, update refuses and remove leaves it to you', async () => {
    expect((await install('example')).exitCode).toBe(0)
    const skill = join(host.targetRoot, 'skills', 'aigogo-example-greet', 'SKILL.md')
    const source = await publishDir(await pluginDir({name: 'example', version: '2.0.0'}), 'example', '2.0.0')
    expect(source).toContain('example')
    const updated = await run(['plugins', 'update', 'example', '--json'])
    expect(updated.exitCode, updated.stderr).toBe(0)

    await writeFile(skill, 'my edits')
    await publishDir(await pluginDir({name: 'example', version: '3.0.0'}), 'example', '3.0.0')
    const before = await everything()
    const refused = await run(['plugins', 'update', 'example', '--json'])
    expect([refused.exitCode, jsonError(refused).code]).toEqual([2, 'PLUGIN_ASSET_CONFLICT'])
    expect(await everything()).toEqual(before)

    const removed = await run(['plugins', 'remove', 'example'])
    expect(removed.exitCode, removed.stderr).toBe(0)
    expect(removed.stderr).toContain(`kept ${join(host.targetRoot, 'skills', 'aigogo-example-greet')}`)
    expect(await readFile(skill, 'utf8')).toBe('my edits')
    expect(await readdir(join(host.targetRoot, 'agents'))).toEqual([])
    expect(await readdir(join(host.targetRoot, 'commands'))).toEqual([])
  })
})
