/**
 * Plugins from npm end to end: a fixture oclif plugin with a real dependency
 * (test/fixtures/npm-plugin, test/fixtures/npm-plugin-dep) is published to a local Verdaccio, and
 * the real CLI installs it with the user's npm, pointed at Verdaccio only through npm's own
 * configuration (a userconfig .npmrc, or npm_config_registry). @acme/* is served from Verdaccio's
 * storage only, so a missing package is a real 404.
 */
import {execa} from 'execa'
import {cp, lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {jsonError, REPO_ROOT, type RunResult} from './helpers/cli.js'
import {pluginHostFixture} from './helpers/plugin-host-fixture.js'
import {snapshotTree} from './helpers/tree-snapshot.js'
import {startVerdaccio, type TestNpmRegistry} from './helpers/verdaccio.js'

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'npm-plugin')
const DEP_FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'npm-plugin-dep')
const GREET = '@acme/aigogo-plugin-greet'

let npmRegistry: TestNpmRegistry
let token: string
let manifestTemplate: {commands: Record<string, Record<string, unknown>>}
const published = new Set<string>()

interface PluginOptions {
  packageName?: string
  name?: string
  version: string
  peerOclif?: string
  /** A dist-tag other than latest (npm refuses to make an older version latest implicitly). */
  tag?: string
  /** More runtime dependencies. */
  dependencies?: Record<string, string>
  /** Aliases of the plugin's command. */
  aliases?: string[]
}

/** Writes the fixture plugin as a package directory: renamed, re-versioned, with a matching oclif manifest. */
async function pluginDir(options: PluginOptions): Promise<string> {
  const name = options.name ?? 'greet'
  const packageName = options.packageName ?? `@acme/aigogo-plugin-${name}`
  const dir = await mkdtemp(join(tmpdir(), 'aigogo-npm-fixture-'))
  await cp(FIXTURE, dir, {recursive: true})
  const pjson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, any>
  pjson.name = packageName
  pjson.version = options.version
  pjson.aigogo.name = name
  if (options.peerOclif) pjson.peerDependencies['@oclif/core'] = options.peerOclif
  Object.assign(pjson.dependencies, options.dependencies ?? {})
  await writeFile(join(dir, 'package.json'), JSON.stringify(pjson, null, 2))
  if (name !== 'greet') {
    await rm(join(dir, 'assets'), {recursive: true})
    await mkdir(join(dir, 'assets', 'skills', `aigogo-${name}-hello`), {recursive: true})
    await writeFile(join(dir, 'assets', 'skills', `aigogo-${name}-hello`, 'SKILL.md'), `# ${name}\n`)
    await cp(join(FIXTURE, 'dist', 'commands', 'greet'), join(dir, 'dist', 'commands', name), {recursive: true})
    await rm(join(dir, 'dist', 'commands', 'greet'), {recursive: true})
  }
  const command = {...manifestTemplate.commands['greet:hello']!, id: `${name}:hello`, pluginAlias: packageName, pluginName: packageName, relativePath: ['dist', 'commands', name, 'hello.js'], ...(options.aliases ? {aliases: options.aliases} : {})}
  await writeFile(join(dir, 'oclif.manifest.json'), JSON.stringify({commands: {[`${name}:hello`]: command}, version: options.version}))
  return dir
}

async function publishDir(dir: string, label: string, tag?: string): Promise<void> {
  const result = await npmRegistry.npm(['publish', dir, ...(tag ? ['--tag', tag] : [])])
  await rm(dir, {force: true, recursive: true})
  if (result.exitCode !== 0) throw new Error(`npm publish ${label} failed:\n${result.stderr}\n${npmRegistry.log()}`)
}

/** Publishes a one-file package with this package.json. */
async function publishPackage(pjson: Record<string, unknown>): Promise<void> {
  const key = `${pjson.name as string}@${pjson.version as string}`
  if (published.has(key)) return
  const dir = await mkdtemp(join(tmpdir(), 'aigogo-npm-package-'))
  await writeFile(join(dir, 'package.json'), JSON.stringify({license: 'MPL-2.0', main: 'index.js', ...pjson}))
  await writeFile(join(dir, 'index.js'), 'module.exports = {}\n')
  await publishDir(dir, key)
  published.add(key)
}

async function publishPlugin(options: PluginOptions): Promise<void> {
  const key = `${options.packageName ?? options.name ?? 'greet'}@${options.version}`
  if (published.has(key)) return
  await publishDir(await pluginDir(options), key, options.tag)
  published.add(key)
}

/** A real `oclif manifest` of the fixture, generated once against the kernel's oclif and SDK. */
async function generateManifest(): Promise<typeof manifestTemplate> {
  const dir = await mkdtemp(join(tmpdir(), 'aigogo-npm-manifest-'))
  try {
    await cp(FIXTURE, dir, {recursive: true})
    for (const [name, target] of [['@aigogo/sdk', join(REPO_ROOT, 'node_modules', '@aigogo', 'sdk')], ['@oclif/core', join(REPO_ROOT, 'node_modules', '@oclif', 'core')], ['@acme/greet-words', DEP_FIXTURE]] as const) {
      await mkdir(join(dir, 'node_modules', name, '..'), {recursive: true})
      await symlink(target, join(dir, 'node_modules', name))
    }
    await execa(join(REPO_ROOT, 'node_modules', '.bin', 'oclif'), ['manifest'], {cwd: dir, env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
    return JSON.parse(await readFile(join(dir, 'oclif.manifest.json'), 'utf8')) as typeof manifestTemplate
  } finally {
    await rm(dir, {force: true, recursive: true})
  }
}

beforeAll(async () => {
  npmRegistry = await startVerdaccio({localOnly: ['@acme/*']})
  token = /_authToken=(.+)/.exec(await readFile(npmRegistry.userconfig, 'utf8'))![1]!.trim()
  manifestTemplate = await generateManifest()
  const dep = await mkdtemp(join(tmpdir(), 'aigogo-npm-dep-'))
  await cp(DEP_FIXTURE, dep, {recursive: true})
  await publishDir(dep, '@acme/greet-words')
  await publishPlugin({version: '1.0.0'})
}, 180_000)
afterAll(async () => npmRegistry?.stop())

const host = pluginHostFixture({prefix: 'aigogo-plugins-npm-', standin: false})
const {readState} = host

/** The CLI with npm configured only by the test registry's npmrc (plus npm_config_registry unless `viaNpmrcOnly`). */
function run(args: string[], options: {env?: Record<string, string>; viaNpmrcOnly?: boolean} = {}): Promise<RunResult> {
  const inherited = Object.fromEntries(Object.keys(process.env).filter((k) => /^npm_/i.test(k)).map((k) => [k, undefined]))
  const npmConfig = options.viaNpmrcOnly
    ? {npm_config_globalconfig: npmRegistry.env.npm_config_globalconfig!, npm_config_userconfig: npmRegistry.userconfig}
    : npmRegistry.env
  return host.run(args, {...inherited, ...npmConfig, ...options.env})
}

function ok(result: RunResult): RunResult {
  expect(result.exitCode, `${result.stderr}\n${result.stdout}`).toBe(0)
  return result
}

/** Home (locks aside: the lock file's absence is the point, its directory may be left) and targets. */
async function everything(): Promise<Record<string, string>> {
  const all = {...(await snapshotTree(host.home)), ...Object.fromEntries(Object.entries(await snapshotTree(host.targetRoot)).map(([k, v]) => [`target:${k}`, v]))}
  return Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('./locks')))
}

/** Every directory named @oclif/core or @aigogo/sdk under a node_modules tree, with what it is. */
async function peerCopies(modules: string, found: string[] = []): Promise<string[]> {
  for (const entry of await readdir(modules).catch(() => [] as string[])) {
    if (entry.startsWith('.')) continue
    const names = entry.startsWith('@') && (await lstat(join(modules, entry))).isDirectory() ? (await readdir(join(modules, entry))).map((n) => `${entry}/${n}`) : [entry]
    for (const name of names) {
      const path = join(modules, name)
      const info = await lstat(path)
      if (name === '@oclif/core' || name === '@aigogo/sdk') found.push(`${path} ${info.isSymbolicLink() ? `-> ${await realpath(path)}` : 'copy'}`)
      if (!info.isSymbolicLink()) await peerCopies(join(path, 'node_modules'), found)
    }
  }
  return found
}

const npmDir = (): string => join(host.home, 'npm-plugins')

describe('plugins from npm', () => {
  it('installs a plugin with its dependency from the registry the npmrc names, runs it on the host\'s oclif, lists, updates and removes it', async () => {
    const refused = await run(['plugins', 'install', GREET, '--json'], {viaNpmrcOnly: true})
    expect([refused.exitCode, jsonError(refused).code]).toEqual([2, 'PLUGIN_THIRDPARTY_UNCONFIRMED'])
    expect(jsonError(refused).message).toContain(`npm registry ${npmRegistry.url}`)
    await expect(lstat(npmDir())).rejects.toThrow()

    const installed = ok(await run(['plugins', 'install', GREET, '--yes', '--json'], {viaNpmrcOnly: true}))
    expect(JSON.parse(installed.stdout)).toMatchObject({name: 'greet', origin: 'npm', package: GREET, status: 'installed', version: '1.0.0'})
    const [record] = (await readState()).plugins
    expect(record).toMatchObject({kind: 'installed', name: 'greet', npm: {registry: npmRegistry.url, spec: 'latest'}, origin: 'npm', package: GREET, version: '1.0.0'})
    expect(typeof record!['trusted-at']).toBe('string')
    expect(JSON.stringify(await readState())).not.toContain(token)

    // Its dependency came from npm; the host's @oclif/core and @aigogo/sdk are the only copies.
    expect(JSON.parse(await readFile(join(npmDir(), 'node_modules', '@acme', 'greet-words', 'package.json'), 'utf8')).version).toBe('1.0.0')
    const hostCore = await realpath(join(REPO_ROOT, 'node_modules', '@oclif', 'core'))
    const hostSdk = await realpath(join(REPO_ROOT, 'node_modules', '@aigogo', 'sdk'))
    expect((await peerCopies(join(npmDir(), 'node_modules'))).sort()).toEqual([
      `${join(npmDir(), 'node_modules', '@aigogo', 'sdk')} -> ${hostSdk}`,
      `${join(npmDir(), 'node_modules', '@oclif', 'core')} -> ${hostCore}`,
    ])
    const hello = JSON.parse(ok(await run(['greet', 'hello', 'bob', '--json'])).stdout) as Record<string, unknown>
    expect(hello).toMatchObject({configIsHostOclif: true, errorIsHostSdk: true, greeting: 'howdy bob', plugin: GREET, version: '1.0.0'})
    expect(String(hello.oclifCore).startsWith(hostCore)).toBe(true)
    expect(String(hello.sdk).startsWith(hostSdk)).toBe(true)
    const coded = await run(['greet', 'hello', 'nobody', '--json'])
    expect([coded.exitCode, jsonError(coded).code]).toEqual([1, 'GREET_NOBODY'])

    // Assets like any plugin's.
    expect(await readdir(join(host.targetRoot, 'skills'))).toEqual(['aigogo-greet-hello'])
    expect(await readdir(join(host.targetRoot, 'commands', 'aigogo-greet'))).toEqual(['hello.md'])
    // plugins sync finds an npm plugin's assets and repairs the project's peer links.
    await rm(join(host.targetRoot, 'skills', 'aigogo-greet-hello'), {recursive: true})
    await rm(join(npmDir(), 'node_modules', '@oclif', 'core'))
    ok(await run(['plugins', 'sync']))
    expect(await readdir(join(host.targetRoot, 'skills'))).toContain('aigogo-greet-hello')
    expect(await realpath(join(npmDir(), 'node_modules', '@oclif', 'core'))).toBe(hostCore)

    const listed = JSON.parse(ok(await run(['plugins', 'list', '--json'])).stdout) as {plugins: Record<string, unknown>[]}
    expect(listed.plugins.find((p) => p.name === 'greet')).toMatchObject({origin: 'installed', package: GREET, source: 'npm', version: '1.0.0'})
    expect(ok(await run(['plugins', 'list'])).stdout).toMatch(/greet\s+1\.0\.0\s+installed \(npm\)/)

    // update: no prompt (trusted registry), newest version matching "latest".
    await publishPlugin({version: '1.1.0'})
    const updated = ok(await run(['plugins', 'update', 'greet', '--json']))
    expect(JSON.parse(updated.stdout)).toMatchObject({origin: 'npm', previous: '1.0.0', status: 'updated', version: '1.1.0'})
    expect(JSON.parse(ok(await run(['greet', 'hello', '--json'])).stdout)).toMatchObject({version: '1.1.0'})
    expect((await readState()).plugins[0]).toMatchObject({'trusted-at': record!['trusted-at'], version: '1.1.0'})
    expect(ok(await run(['plugins', 'update', GREET])).stdout).toContain('already at 1.1.0')

    const removed = ok(await run(['plugins', 'remove', 'greet', '--json']))
    expect(JSON.parse(removed.stdout)).toMatchObject({name: 'greet', version: '1.1.0'})
    expect(await readState()).toEqual({plugins: []})
    expect(await readdir(join(npmDir(), 'node_modules', '@acme')).catch(() => [])).toEqual([])
    expect(Object.keys(JSON.parse(await readFile(join(npmDir(), 'package.json'), 'utf8')).dependencies ?? {})).toEqual([])
    // Only the kernel's own entries (placed by plugins sync) are left.
    expect((await readdir(join(host.targetRoot, 'skills'))).filter((e) => e !== 'aigogo')).toEqual([])
    expect((await readdir(join(host.targetRoot, 'commands'))).filter((e) => e !== 'aigogo')).toEqual([])
    const gone = await run(['greet', 'hello', '--json'])
    expect(gone.exitCode).not.toBe(0)
  }, 180_000)

  it('a range is recorded and update moves to the newest version it allows, not past it', async () => {
    await publishPlugin({version: '1.1.0'})
    const installed = ok(await run(['plugins', 'install', `${GREET}@~1.0.0`, '--yes', '--json']))
    expect(JSON.parse(installed.stdout)).toMatchObject({version: '1.0.0'})
    expect((await readState()).plugins[0]).toMatchObject({npm: {spec: '~1.0.0'}})
    await publishPlugin({tag: 'backport', version: '1.0.1'})
    expect(JSON.parse(ok(await run(['plugins', 'update', 'greet', '--json'])).stdout)).toMatchObject({previous: '1.0.0', status: 'updated', version: '1.0.1'})
    expect(JSON.parse(ok(await run(['plugins', 'update', 'greet', '--json'])).stdout)).toMatchObject({status: 'up-to-date', version: '1.0.1'})
    // --version moves the recorded spec.
    expect(JSON.parse(ok(await run(['plugins', 'update', 'greet', '--version', '^1', '--json'])).stdout)).toMatchObject({status: 'updated', version: '1.1.0'})
    expect((await readState()).plugins[0]).toMatchObject({npm: {spec: '^1'}, version: '1.1.0'})
  }, 180_000)

  it('two tarball URLs install as two plugins, each recorded under the package its package.json names', async () => {
    await publishPlugin({name: 'wave', version: '1.0.0'})
    const tarball = (pkg: string): string => new URL(`${pkg}/-/${pkg.split('/')[1]}-1.0.0.tgz`, npmRegistry.url).href
    const first = ok(await run(['plugins', 'install', tarball(GREET), '--yes', '--json']))
    const second = ok(await run(['plugins', 'install', tarball('@acme/aigogo-plugin-wave'), '--yes', '--json']))
    expect(JSON.parse(first.stdout)).toMatchObject({name: 'greet', package: GREET})
    expect(JSON.parse(second.stdout)).toMatchObject({name: 'wave', package: '@acme/aigogo-plugin-wave'})
    const records = (await readState()).plugins
    expect(records.map((r) => [r.name, r.package, r.npm.spec])).toEqual([
      ['greet', GREET, tarball(GREET)],
      ['wave', '@acme/aigogo-plugin-wave', tarball('@acme/aigogo-plugin-wave')],
    ])
    expect(JSON.parse(ok(await run(['greet', 'hello', '--json'])).stdout)).toMatchObject({plugin: GREET})
    expect(JSON.parse(ok(await run(['wave', 'hello', '--json'])).stdout)).toMatchObject({plugin: '@acme/aigogo-plugin-wave'})
    expect(JSON.parse(ok(await run(['plugins', 'update', 'wave', '--json'])).stdout)).toMatchObject({name: 'wave', status: 'up-to-date'})
    ok(await run(['plugins', 'remove', 'greet']))
    expect((await readState()).plugins.map((r) => r.name)).toEqual(['wave'])
    expect(JSON.parse(ok(await run(['wave', 'hello', '--json'])).stdout)).toMatchObject({greeting: 'howdy world'})
  }, 180_000)

  it('a package or version the registry does not have is a coded error that names no token and changes nothing', async () => {
    ok(await run(['plugins', 'install', GREET, '--yes']))
    const before = await everything()
    const missing = await run(['plugins', 'install', '@acme/aigogo-plugin-nope', '--yes', '--json'])
    expect([missing.exitCode, jsonError(missing).code]).toEqual([1, 'PLUGIN_NOT_FOUND'])
    expect(missing.stderr).not.toContain(token)
    const noVersion = await run(['plugins', 'install', `${GREET}@9.9.9`, '--yes', '--json'])
    expect([noVersion.exitCode, jsonError(noVersion).code]).toEqual([1, 'PLUGIN_VERSION_NOT_FOUND'])
    const unreachable = await run(['plugins', 'install', '@acme/aigogo-plugin-greet', '--yes', '--json'], {env: {npm_config_fetch_retries: '0', npm_config_registry: 'http://127.0.0.1:9/'}})
    expect([unreachable.exitCode, jsonError(unreachable).code]).toEqual([3, 'PLUGIN_FETCH_FAILED'])
    expect(await everything()).toEqual(before)
    // Removing needs no registry.
    ok(await run(['plugins', 'remove', 'greet'], {env: {npm_config_fetch_retries: '0', npm_config_registry: 'http://127.0.0.1:9/'}}))
    expect(await readState()).toEqual({plugins: []})
  }, 180_000)

  it('refuses a plugin that needs another @oclif/core, a reserved aigogo.name and invalid specs, changing nothing', async () => {
    await publishPlugin({name: 'old', peerOclif: '^3', version: '1.0.0'})
    await publishPlugin({name: 'build', packageName: '@acme/aigogo-plugin-builder', version: '1.0.0'})
    ok(await run(['plugins', 'install', GREET, '--yes']))
    const before = await everything()
    const old = await run(['plugins', 'install', '@acme/aigogo-plugin-old', '--yes', '--json'])
    expect([old.exitCode, jsonError(old).code]).toEqual([1, 'PLUGIN_PEER_CONFLICT'])
    // A dependency deep in the tree that wants its own @oclif/core (here an npm alias to a fake one).
    await publishPackage({name: '@acme/fake-core', version: '1.0.0'})
    await publishPackage({dependencies: {'@oclif/core': 'npm:@acme/fake-core@1.0.0'}, name: '@acme/uses-old-core', version: '1.0.0'})
    await publishPlugin({dependencies: {'@acme/uses-old-core': '1.0.0'}, name: 'deep', version: '1.0.0'})
    const deep = await run(['plugins', 'install', '@acme/aigogo-plugin-deep', '--yes', '--json'])
    expect([deep.exitCode, jsonError(deep).code]).toEqual([1, 'PLUGIN_PEER_CONFLICT'])
    expect(jsonError(deep).message).toContain('@acme/uses-old-core needs @oclif/core')
    const reserved = await run(['plugins', 'install', '@acme/aigogo-plugin-builder', '--yes', '--json'])
    expect([reserved.exitCode, jsonError(reserved).code]).toEqual([1, 'PLUGIN_NAME_RESERVED'])
    // A command alias that takes a first-party word, as a release install refuses it.
    await publishPlugin({aliases: ['build'], name: 'sneaky', version: '1.0.0'})
    const sneaky = await run(['plugins', 'install', '@acme/aigogo-plugin-sneaky', '--yes', '--json'])
    expect([sneaky.exitCode, jsonError(sneaky).code], sneaky.stderr).toEqual([1, 'PLUGIN_COMMAND_CONFLICT'])
    for (const bad of ['@Acme/Greet', '../evil', '@acme/../x', 'git+https://example.com/x.git', `${GREET}@file:../x`, '.hidden', 'node_modules']) {
      const invalid = await run(['plugins', 'install', bad, '--yes', '--json'])
      expect([bad, invalid.exitCode, jsonError(invalid).code]).toEqual([bad, 1, 'PLUGIN_SPEC_INVALID'])
    }
    const secret = await run(['plugins', 'install', 'https://user:s3cret-pw@example.com/x.tgz', '--yes', '--json'])
    expect([secret.exitCode, jsonError(secret).code]).toEqual([1, 'PLUGIN_SPEC_INVALID'])
    expect(secret.stderr).not.toContain('s3cret-pw')
    expect(await everything()).toEqual(before)
  }, 180_000)

  for (const step of ['sync', 'promote', 'ownership']) {
    it(`a failure after the "${step}" step of an update or a remove restores the npm project, the state files and the target`, async () => {
      await publishPlugin({version: '1.1.0'})
      ok(await run(['plugins', 'install', `${GREET}@1.0.0`, '--yes']))
      const before = await everything()
      const update = await run(['plugins', 'update', 'greet', '--version', '1.1.0', '--json'], {env: {AIGOGO_TEST_FAILPOINT: step}})
      expect([update.exitCode, jsonError(update).code]).toEqual([70, 'TEST_FAILPOINT'])
      expect(await everything()).toEqual(before)
      const remove = await run(['plugins', 'remove', 'greet', '--json'], {env: {AIGOGO_TEST_FAILPOINT: step}})
      expect([remove.exitCode, jsonError(remove).code]).toEqual([70, 'TEST_FAILPOINT'])
      expect(await everything()).toEqual(before)
      expect(JSON.parse(ok(await run(['greet', 'hello', '--json'])).stdout)).toMatchObject({version: '1.0.0'})
    }, 180_000)
  }
})
