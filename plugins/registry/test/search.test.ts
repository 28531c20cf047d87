/**
 * search against real Distribution registries: every repository without a query, the package's
 * own name and capabilities, default registries from `aigogo config`, the registry capability
 * other plugins call, and the bounds that keep a registry-wide search cheap on large registries.
 */
import {readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {AIGOGO_JSON, pushRawPackage, tarOf} from '../../../test/helpers/raw-push.js'
import {startRegistry, type TestRegistry} from '../../../test/helpers/registry.js'
import {buildPackage, type BuiltPackage, json, ok} from './fixtures.js'

let registry: TestRegistry
let second: TestRegistry
let root: {path: string; cleanup: () => Promise<void>}
let pkg: BuiltPackage

interface Hit {registry: string; repository: string; latest: string; name?: string; summary?: string; capabilities?: string[]; matched: string[]; tagsCut?: boolean}
interface Report {registry: string; complete: boolean; repositoriesRead: number; stoppedEarly?: string; next?: string; error?: {code: string}}
interface Result {results: Hit[]; registries: Report[]; complete: boolean}

beforeAll(async () => {
  ;[registry, second, root] = await Promise.all([startRegistry(), startRegistry(), tempDir()])
  pkg = await buildPackage(root.path, 'string-utils')
  // Neither the repository path nor the summary says "string": only the package's name does.
  await rebuildWith({description: 'assorted helpers'}, `${registry.host}/team/su:1.0.0`)
  // A package that declares AI capabilities.
  await rebuildWith({ai: {capabilities: ['tokenize prose into sentences'], summary: 'text helpers'}}, `${second.host}/nlp/tk:2.0.0`)
}, 90_000)
afterAll(async () => {
  await Promise.all([registry?.stop(), second?.stop()])
  await root?.cleanup()
})

/** Changes aigogo.json, builds again and pushes the build to `ref`. */
async function rebuildWith(change: Record<string, unknown>, ref: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(pkg.dir, 'aigogo.json'), 'utf8')) as Record<string, unknown>
  await writeFile(join(pkg.dir, 'aigogo.json'), JSON.stringify({...manifest, ...change}, null, 2))
  const built = json<{ref?: string; name?: string; version?: string}>(await aigogo(['build', '--json', '--no-validate'], {cwd: pkg.dir, home: pkg.home}))
  ok(await aigogo(['push', ref, '--from', built.ref ?? `${built.name}:${built.version}`], {home: pkg.home}))
}

const search = async (args: string[], home = pkg.home): Promise<Result> => json<Result>(await aigogo(['search', ...args, '--json'], {home}))

describe('search', () => {
  it('lists every package when no query is given, in text and --json', async () => {
    const text = ok(await aigogo(['search', '--registry', registry.host], {home: pkg.home}))
    expect(text.stdout).toContain(`${registry.host}/team/su`)
    const all = await search(['--registry', registry.host])
    expect(all.results.map((r) => r.repository)).toEqual(['team/su'])
    expect(all.complete).toBe(true)
  })

  it("matches the package's name from its config and its AI capabilities, not only the repository path", async () => {
    const byName = await search(['string', '--registry', registry.host])
    expect(byName.results).toEqual([expect.objectContaining({matched: ['name'], name: 'string-utils', repository: 'team/su'})])
    const byCapability = await search(['SENTENCES', '--registry', second.host])
    expect(byCapability.results).toEqual([expect.objectContaining({capabilities: ['tokenize prose into sentences'], matched: ['capabilities'], repository: 'nlp/tk', summary: 'text helpers'})])
  })

  it('searches the default registries of aigogo config when --registry is absent, and goes on past one that is down', async () => {
    const home = join(root.path, 'config-home')
    const none = await aigogo(['search', 'x', '--json'], {home})
    expect(jsonError(none).code).toBe('SEARCH_NO_REGISTRY')
    expect(jsonError(none).hints.join(' ')).toContain('aigogo config set registry')
    const empty = await aigogo(['search', 'x', '--registry=', '--json'], {home})
    expect([empty.exitCode, jsonError(empty).code]).toEqual([1, 'REGISTRY_INVALID'])
    ok(await aigogo(['config', 'set', 'registry', registry.host, second.host], {home}))
    const both = await search([], home)
    expect(both.results.map((r) => `${r.registry}/${r.repository}`).sort()).toEqual([`${registry.host}/team/su`, `${second.host}/nlp/tk`].sort())
    ok(await aigogo(['config', 'set', 'registry', registry.host, '127.0.0.1:1'], {home}))
    const partial = await search(['string'], home)
    expect(partial.results.map((r) => r.repository)).toEqual(['team/su'])
    expect(partial.complete).toBe(false)
    expect(partial.registries.find((r) => r.registry === '127.0.0.1:1')?.error?.code).toBe('REGISTRY_UNREACHABLE')
    const text = ok(await aigogo(['search', 'string'], {home}))
    expect(text.stdout).toContain('127.0.0.1:1: not searched')
    // --registry, and AIGOGO_REGISTRY, win over the setting.
    expect((await search(['--registry', second.host], home)).results.map((r) => r.repository)).toEqual(['nlp/tk'])
    const fromEnv = json<Result>(await aigogo(['search', '--json'], {env: {AIGOGO_REGISTRY: second.host}, home}))
    expect(fromEnv.results.map((r) => r.repository)).toEqual(['nlp/tk'])
  })

  it('offers search through the registry capability, with structured results', async () => {
    const capability = (await import('../dist/capabilities/registry.js')).default
    const saved = process.env.AIGOGO_HOME
    process.env.AIGOGO_HOME = pkg.home
    try {
      const result = await capability.search({query: 'string', registries: [registry.host]})
      expect(result.results).toEqual([expect.objectContaining({name: 'string-utils', ref: `${registry.host}/team/su:1.0.0`})])
      expect(result.registries).toEqual([{complete: true, registry: registry.host, repositoriesRead: 1}])
    } finally {
      if (saved === undefined) delete process.env.AIGOGO_HOME
      else process.env.AIGOGO_HOME = saved
    }
  })
})

describe('bounded search on a large registry', () => {
  let big: TestRegistry
  const names = Array.from({length: 7}, (_, i) => `bulk/pkg-${i}`)
  beforeAll(async () => {
    big = await startRegistry()
    const layer = tarOf([['aigogo.json', AIGOGO_JSON]])
    for (const name of names) await pushRawPackage(big.host, `${name}:1.0.0`, layer)
    for (const tag of ['1.1.0', '1.2.0', '0.9.0']) await pushRawPackage(big.host, `bulk/pkg-0:${tag}`, layer)
  }, 60_000)
  afterAll(async () => big?.stop())

  it('reads at most --max-repositories, says it stopped early and where to go on, and --after goes on', async () => {
    const first = await search(['--registry', big.host, '--max-repositories', '3'])
    expect(first.results.map((r) => r.repository)).toEqual(names.slice(0, 3))
    expect(first.complete).toBe(false)
    expect(first.registries[0]).toMatchObject({complete: false, next: 'bulk/pkg-2', repositoriesRead: 3})
    expect(first.registries[0]!.stoppedEarly).toContain('max-repositories')
    const text = ok(await aigogo(['search', '--registry', big.host, '--max-repositories', '3'], {home: pkg.home}))
    expect(text.stdout).toContain('stopped early')
    expect(text.stdout).toContain(`--after bulk/pkg-2`)

    const rest = await search(['--registry', big.host, '--max-repositories', '3', '--after', 'bulk/pkg-2'])
    expect(rest.results.map((r) => r.repository)).toEqual(names.slice(3, 6))
    const last = await search(['--registry', big.host, '--max-repositories', '3', '--after', 'bulk/pkg-5'])
    expect(last.results.map((r) => r.repository)).toEqual(names.slice(6))
    expect(last.complete).toBe(true)
    // Exactly at the limit with nothing after: complete.
    expect((await search(['--registry', big.host, '--max-repositories', '1', '--after', 'bulk/pkg-5'])).complete).toBe(true)
  })

  it('takes its bounds from aigogo config, and reads at most --max-tags tags per repository', async () => {
    const home = join(root.path, 'bounds-home')
    ok(await aigogo(['config', 'set', 'search.max-repositories', '2'], {home}))
    expect((await search(['--registry', big.host], home)).registries[0]!.repositoriesRead).toBe(2)
    const all = await search(['--registry', big.host, '--max-repositories', '1'])
    expect(all.results[0]).toMatchObject({latest: '1.2.0', repository: 'bulk/pkg-0'})
    expect(all.results[0]!.tagsCut).toBeUndefined()
    const cut = await search(['--registry', big.host, '--max-repositories', '1', '--max-tags', '2'])
    expect(cut.results[0]!.tagsCut).toBe(true)
  })

  it('caches config blobs by digest and fetches a damaged entry again', async () => {
    const home = join(root.path, 'cache-home')
    expect((await search(['raw', '--registry', big.host, '--max-repositories', '2'], home)).results).toHaveLength(2)
    const dir = join(home, 'cache', 'registry', 'configs')
    const entries = await readdir(dir)
    // Every package has the same aigogo.json: one blob, one entry.
    expect(entries).toHaveLength(1)
    await writeFile(join(dir, entries[0]!), '{"name":"tampered"}')
    const again = await search(['raw', '--registry', big.host, '--max-repositories', '2'], home)
    expect(again.results.map((r) => r.name)).toEqual(['raw', 'raw'])
    expect(await readFile(join(dir, entries[0]!), 'utf8')).toBe(AIGOGO_JSON)
  })

  it('info reads the config blob through the same cache, and never believes a damaged entry', async () => {
    const home = join(root.path, 'info-cache-home')
    const info = async () => JSON.parse(ok(await aigogo(['info', `${big.host}/bulk/pkg-0:1.2.0`, '--json'], {home})).stdout) as {package: {name: string}}
    expect((await info()).package.name).toBe('raw')
    const dir = join(home, 'cache', 'registry', 'configs')
    const entries = await readdir(dir)
    expect(entries).toHaveLength(1)
    await writeFile(join(dir, entries[0]!), '{"name":"tampered"}')
    expect((await info()).package.name).toBe('raw')
    expect(await readFile(join(dir, entries[0]!), 'utf8')).toBe(AIGOGO_JSON)
  })
})
