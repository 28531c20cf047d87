import {cp, mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {aigogo, REPO_ROOT, tempDir} from './helpers/cli.js'

let home: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  home = await tempDir()
})
afterEach(async () => home.cleanup())

interface Listed {
  name: string
  origin: string
  version: string
  shadows?: string
}

async function listPlugins(): Promise<Listed[]> {
  const result = await aigogo(['plugins', 'list', '--json'], {home: home.path})
  expect(result.exitCode, result.stderr).toBe(0)
  return (JSON.parse(result.stdout) as {plugins: Listed[]}).plugins
}

async function writeState(plugins: unknown[]): Promise<void> {
  await mkdir(join(home.path, 'state'), {recursive: true})
  await writeFile(join(home.path, 'state', 'plugins.json'), JSON.stringify({plugins}, null, 2))
}

/** A copy of a bundled plugin, as the installer would leave it, with another version. */
async function installCopyOf(name: string, version: string, edit: (pjson: Record<string, unknown>) => void = () => {}): Promise<void> {
  const source = join(REPO_ROOT, 'plugins', name)
  const target = join(home.path, 'plugins', name)
  await mkdir(target, {recursive: true})
  for (const entry of ['dist', 'assets', 'oclif.manifest.json']) await cp(join(source, entry), join(target, entry), {recursive: true})
  const pjson = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as Record<string, unknown>
  pjson.version = version
  edit(pjson)
  await writeFile(join(target, 'package.json'), JSON.stringify(pjson, null, 2))
  const manifest = JSON.parse(await readFile(join(target, 'oclif.manifest.json'), 'utf8')) as {version: string}
  manifest.version = version
  await writeFile(join(target, 'oclif.manifest.json'), JSON.stringify(manifest))
  // Installed plugins resolve their peers (@aigogo/sdk, @oclif/core) from the host.
  await mkdir(join(target, 'node_modules'), {recursive: true})
  await cp(join(REPO_ROOT, 'node_modules', '@oclif'), join(target, 'node_modules', '@oclif'), {recursive: true, verbatimSymlinks: true})
  await mkdir(join(target, 'node_modules', '@aigogo'), {recursive: true})
  await cp(join(REPO_ROOT, 'src', 'sdk', 'package.json'), join(target, 'node_modules', '@aigogo', 'sdk', 'package.json'))
  await cp(join(REPO_ROOT, 'src', 'sdk', 'dist'), join(target, 'node_modules', '@aigogo', 'sdk', 'dist'), {recursive: true})
}

const record = (name: string, version: string) => ({
  'installed-at': '2026-11-21T00:00:00.000Z',
  kind: 'installed',
  name,
  package: `@aigogo/plugin-${name}`,
  version,
})

describe('plugin state and discovery', () => {
  it('treats a missing state file as no installed plugins', async () => {
    const plugins = await listPlugins()
    expect(plugins.map((p) => `${p.name}:${p.origin}`)).toEqual(['depgen:bundled', 'imports:bundled', 'mcp:bundled', 'registry:bundled', 'store:bundled'])
  })

  it('loads an installed first-party plugin in place of the bundled copy', async () => {
    await installCopyOf('depgen', '9.9.9')
    await writeState([record('depgen', '9.9.9')])
    const depgen = (await listPlugins()).find((p) => p.name === 'depgen')
    expect(depgen).toMatchObject({origin: 'installed', shadows: '0.1.0', version: '9.9.9'})
    const human = await aigogo(['plugins', 'list'], {home: home.path})
    expect(human.stdout).toMatch(/depgen\s+9\.9\.9\s+installed \(shadows bundled 0\.1\.0\)/)
  })

  it('falls back to the bundled copy when the state no longer records the installed one', async () => {
    await installCopyOf('depgen', '9.9.9')
    await writeState([])
    const depgen = (await listPlugins()).find((p) => p.name === 'depgen')
    expect(depgen).toMatchObject({origin: 'bundled', version: '0.1.0'})
  })

  it('falls back to the bundled copy with a warning when the installed copy is missing', async () => {
    await writeState([record('depgen', '9.9.9')])
    const result = await aigogo(['plugins', 'list', '--json'], {home: home.path})
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('@aigogo/plugin-depgen could not be loaded')
    const depgen = (JSON.parse(result.stdout) as {plugins: Listed[]}).plugins.find((p) => p.name === 'depgen')
    expect(depgen).toMatchObject({origin: 'bundled', version: '0.1.0'})
  })

  it('reports a corrupt state file with a coded error naming the file, never a stack trace', async () => {
    await mkdir(join(home.path, 'state'), {recursive: true})
    const file = join(home.path, 'state', 'plugins.json')
    await writeFile(file, '{"plugins": [ {"name": "x",, }')
    const result = await aigogo(['plugins', 'list'], {home: home.path})
    expect(result.exitCode).toBe(3)
    expect(result.stderr).toContain(file)
    expect(result.stderr).toContain('[exit 3: STATE_CORRUPT]')
    expect(result.stderr).toContain(`mv ${file} ${file}.bak`)
    expect(result.stderr).not.toMatch(/^\s+at /m)
  })

  it('keeps other commands working on bundled plugins when the state file is corrupt', async () => {
    await mkdir(join(home.path, 'state'), {recursive: true})
    await writeFile(join(home.path, 'state', 'plugins.json'), '[1, 2')
    const result = await aigogo(['version', '--json'], {home: home.path})
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('Warning:')
    expect(result.stderr).toContain('running with bundled plugins only')
    expect((JSON.parse(result.stdout) as {plugins: unknown[]}).plugins).toHaveLength(5)
  })

  it('rejects a state entry that lacks required fields', async () => {
    await writeState([{name: 'depgen'}])
    const result = await aigogo(['plugins', 'list', '--json'], {home: home.path})
    expect(result.exitCode).toBe(3)
    expect(JSON.parse(result.stderr.trim().split('\n').at(-1)!).error.code).toBe('STATE_CORRUPT')
  })
})

describe('capabilities across plugins', () => {
  it("lets depgen read aigogo.json through the store plugin's manifest capability", async () => {
    const project = await tempDir()
    await writeFile(
      join(project.path, 'aigogo.json'),
      JSON.stringify({
        dependencies: {runtime: [{package: 'requests', version: '>=2.31.0'}]},
        files: {include: 'auto'},
        language: {name: 'python', version: '>=3.8'},
        name: 'my-utils',
        version: '1.2.3',
      }),
    )
    const result = await aigogo(['show-deps', project.path, '--json'], {home: home.path})
    await project.cleanup()
    expect(result.exitCode, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({name: 'my-utils', runtime: [{package: 'requests', version: '>=2.31.0'}], version: '1.2.3'})
  })

  it('gives a coded error, not a crash, when no loaded plugin provides a capability', async () => {
    // An installed "store" that provides nothing shadows the bundled one: no manifest capability is left.
    await installCopyOf('store', '9.0.0', (pjson) => {
      pjson.aigogo = {name: 'store'}
    })
    await writeState([record('store', '9.0.0')])
    const project = await tempDir()
    await writeFile(join(project.path, 'aigogo.json'), '{}')
    const result = await aigogo(['show-deps', project.path], {home: home.path})
    await project.cleanup()
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('no loaded plugin provides the "manifest" capability')
    expect(result.stderr).toContain('aigogo plugins install store')
    expect(result.stderr).toContain('[exit 2: CAPABILITY_MISSING]')
  })

  it('resolves capabilities in-process and reports a missing one as CAPABILITY_MISSING', async () => {
    const {loadConfig} = await import('../dist/host/discovery.js')
    const {capability, capabilityProviders, AigogoError} = await import('@aigogo/sdk')
    const full = await loadConfig(REPO_ROOT, {dirs: {home: home.path, state: join(home.path, 'state'), plugins: join(home.path, 'plugins')} as never})
    expect((await capabilityProviders(full, 'manifest')).map((p) => p.plugin)).toEqual(['store'])
    const withoutStore = await loadConfig(REPO_ROOT, {
      dirs: {home: home.path, state: join(home.path, 'state'), plugins: join(home.path, 'plugins')} as never,
      exclude: ['@aigogo/plugin-store'],
    })
    const error = await capability(withoutStore, 'manifest').catch((e: unknown) => e)
    expect(AigogoError.is(error)).toBe(true)
    expect(error).toMatchObject({code: 'CAPABILITY_MISSING', exit: 2})
  })
})
