/**
 * What a broken network or a hostile registry can do to `aigogo pull` / `add` / `install`, end to
 * end: the real CLI against the real docker-registry, behind the fault-injecting proxy of
 * test/helpers/fault-proxy.ts. Every failure is a coded error with a message, and no store stage
 * (AIGOGO_HOME/tmp/store-*) is left behind.
 */
import {randomBytes} from 'node:crypto'
import {copyFile, mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError, type RunResult} from '../../../test/helpers/cli.js'
import {type FaultProxy, startFaultProxy} from '../../../test/helpers/fault-proxy.js'
import {AIGOGO_JSON, pushRawPackage, tarOf} from '../../../test/helpers/raw-push.js'
import {useRegistryWorkspace} from '../../../test/helpers/registry-per-file.js'
import {ok} from './fixtures.js'

const BLOB = /\/blobs\/sha256:/
const MANIFEST = /\/manifests\//
/** Short waits between attempts; one retry where the failure is expected to persist. */
const FAST = {AIGOGO_RETRY_MAX_DELAY_MS: '100'}
const ONE_RETRY = {...FAST, AIGOGO_REGISTRY_RETRIES: '1'}

const setup = useRegistryWorkspace()
let proxy: FaultProxy
let homes = 0
/** 3 MiB of random data: streamed to disk as a large entry, and long enough to cut in the middle. */
let big: Buffer

beforeAll(async () => {
  proxy = await startFaultProxy(setup.registry.host)
  big = randomBytes(3 << 20)
  await pushRawPackage(setup.registry.host, 'team/big:1', tarOf([['aigogo.json', AIGOGO_JSON], ['big.bin', big], ['raw.py', 'X = 1\n']]))
}, 60_000)
afterEach(() => {
  proxy.clear()
})
afterAll(async () => proxy?.stop())

function newHome(): string {
  return join(setup.root, `home-${++homes}`)
}

/** The store stages left in a home (there must be none after any command). */
async function stages(home: string): Promise<string[]> {
  return (await readdir(join(home, 'tmp')).catch(() => [] as string[])).filter((name) => name.startsWith('store-'))
}

async function storedPackages(home: string): Promise<string[]> {
  return readdir(join(home, 'store', 'sha256')).catch(() => [] as string[])
}

function failed(result: RunResult, code: string, exit: number): void {
  expect(result.exitCode, result.stderr).toBe(exit)
  expect(jsonError(result).code, result.stderr).toBe(code)
}

describe('dropped connections', () => {
  it('retries a blob whose connection is reset mid-body from the start, in a fresh stage', async () => {
    const home = newHome()
    proxy.rule({fault: {kind: 'reset'}, method: 'GET', path: BLOB, times: 1})
    const pulled = JSON.parse(ok(await aigogo(['pull', `${proxy.host}/team/big:1`, '--json'], {env: FAST, home})).stdout) as {path: string}
    expect((await readFile(join(pulled.path, 'files', 'big.bin'))).equals(big)).toBe(true)
    expect(proxy.count('GET', BLOB)).toBe(2)
    expect(await stages(home)).toEqual([])
  })

  it('gives REGISTRY_CONNECTION_DROPPED after the retry budget when the blob keeps being reset (RST)', async () => {
    const home = newHome()
    proxy.rule({fault: {kind: 'reset'}, method: 'GET', path: BLOB})
    const result = await aigogo(['pull', `${proxy.host}/team/big:1`, '--json'], {env: ONE_RETRY, home})
    failed(result, 'REGISTRY_CONNECTION_DROPPED', 2)
    expect(jsonError(result).message).toContain('2 times')
    expect(proxy.count('GET', BLOB)).toBe(2)
    expect(await stages(home)).toEqual([])
    expect(await storedPackages(home)).toEqual([])
  })

  it('gives REGISTRY_CONNECTION_DROPPED when the blob keeps ending early (FIN), for add too', async () => {
    const home = newHome()
    const project = join(setup.root, 'project-fin')
    await mkdir(project)
    proxy.rule({fault: {kind: 'fin'}, method: 'GET', path: BLOB})
    const pulled = await aigogo(['pull', `${proxy.host}/team/big:1`, '--json'], {env: ONE_RETRY, home})
    failed(pulled, 'REGISTRY_CONNECTION_DROPPED', 2)
    const added = await aigogo(['add', `${proxy.host}/team/big:1`, '--json'], {cwd: project, env: ONE_RETRY, home})
    failed(added, 'REGISTRY_CONNECTION_DROPPED', 2)
    expect(await stages(home)).toEqual([])
    expect(await readdir(project)).toEqual([])
  })

  it('retries a manifest whose body is cut, and 5xx and 429 with Retry-After answers', async () => {
    const home = newHome()
    proxy.rule({fault: {kind: 'status', status: 503}, method: 'GET', path: MANIFEST, times: 1})
    proxy.rule({fault: {afterBytes: 10, kind: 'fin'}, method: 'GET', path: MANIFEST, times: 1})
    proxy.rule({fault: {headers: {'retry-after': '0'}, kind: 'status', status: 429}, method: 'GET', path: BLOB, times: 1})
    proxy.rule({fault: {kind: 'status', status: 500}, method: 'GET', path: BLOB, times: 1})
    ok(await aigogo(['pull', `${proxy.host}/team/big:1`], {env: FAST, home}))
    expect(proxy.seen.filter((s) => s.method === 'GET' && (MANIFEST.test(s.path) || BLOB.test(s.path))).map((s) => s.fault ?? s.status)).toEqual(['status', 'fin', 200, 'status', 'status', 200])
    expect(await stages(home)).toEqual([])
  })
})

describe('stalls', () => {
  it('retries a blob that trickles, then gives REGISTRY_STALLED', async () => {
    const home = newHome()
    proxy.rule({fault: {intervalMs: 100, kind: 'trickle'}, method: 'GET', path: BLOB})
    const result = await aigogo(['pull', `${proxy.host}/team/big:1`, '--json'], {env: {...ONE_RETRY, AIGOGO_IDLE_TIMEOUT_MS: '1000'}, home})
    failed(result, 'REGISTRY_STALLED', 2)
    expect(proxy.count('GET', BLOB)).toBe(2)
    expect(await stages(home)).toEqual([])
  })

  it('pulls when only the first attempt trickles', async () => {
    const home = newHome()
    proxy.rule({fault: {afterBytes: 100_000, intervalMs: 200, kind: 'trickle'}, method: 'GET', path: BLOB, times: 1})
    ok(await aigogo(['pull', `${proxy.host}/team/big:1`], {env: {...FAST, AIGOGO_IDLE_TIMEOUT_MS: '1000'}, home}))
    expect(proxy.count('GET', BLOB)).toBe(2)
  })

  it('gives REGISTRY_STALLED when the registry never answers', async () => {
    proxy.rule({fault: {kind: 'silence'}, method: 'GET', path: MANIFEST})
    const result = await aigogo(['pull', `${proxy.host}/team/big:1`, '--json'], {env: {...ONE_RETRY, AIGOGO_IDLE_TIMEOUT_MS: '1000'}, home: newHome()})
    failed(result, 'REGISTRY_STALLED', 2)
    expect(proxy.count('GET', MANIFEST)).toBe(2)
  })

  it('gives REGISTRY_STALLED for a manifest that trickles', async () => {
    proxy.rule({fault: {intervalMs: 100, kind: 'trickle'}, method: 'GET', path: MANIFEST})
    const result = await aigogo(['pull', `${proxy.host}/team/big:1`, '--json'], {env: {...ONE_RETRY, AIGOGO_IDLE_TIMEOUT_MS: '1000'}, home: newHome()})
    failed(result, 'REGISTRY_STALLED', 2)
  })
})

describe('hostile layers', () => {
  it('pulls a gzip layer that inflates to 10 MB of zeros, and refuses it over AIGOGO_MAX_LAYER_BYTES without a stage left', async () => {
    const layer = gzipSync(tarOf([['aigogo.json', AIGOGO_JSON], ['zeros.bin', Buffer.alloc(10 << 20)]]))
    await pushRawPackage(setup.registry.host, 'team/zeros:1', layer, {gzip: true})
    const home = newHome()
    const pulled = JSON.parse(ok(await aigogo(['pull', `${proxy.host}/team/zeros:1`, '--json'], {home})).stdout) as {path: string}
    expect((await readFile(join(pulled.path, 'files', 'zeros.bin'))).length).toBe(10 << 20)
    const limited = newHome()
    const result = await aigogo(['pull', `${proxy.host}/team/zeros:1`, '--json'], {env: {AIGOGO_MAX_LAYER_BYTES: String(1 << 20)}, home: limited})
    failed(result, 'LAYER_TOO_LARGE', 3)
    expect(await stages(limited)).toEqual([])
    expect(await storedPackages(limited)).toEqual([])
  })

  it('refuses a gzip layer of nothing but zeros as LAYER_INVALID', async () => {
    await pushRawPackage(setup.registry.host, 'team/nothing:1', gzipSync(Buffer.alloc(10 << 20)), {gzip: true})
    const home = newHome()
    failed(await aigogo(['pull', `${proxy.host}/team/nothing:1`, '--json'], {home}), 'LAYER_INVALID', 3)
    expect(await stages(home)).toEqual([])
  })

  it('refuses a layer with more entries than AIGOGO_MAX_LAYER_FILES', async () => {
    const files: [string, string][] = [['aigogo.json', AIGOGO_JSON]]
    for (let i = 0; i < 300; i++) files.push([`f/${i}.py`, ''])
    await pushRawPackage(setup.registry.host, 'team/many:1', gzipSync(tarOf(files)), {gzip: true})
    const home = newHome()
    failed(await aigogo(['pull', `${proxy.host}/team/many:1`, '--json'], {env: {AIGOGO_MAX_LAYER_FILES: '200'}, home}), 'LAYER_TOO_MANY_FILES', 3)
    expect(await stages(home)).toEqual([])
    ok(await aigogo(['pull', `${proxy.host}/team/many:1`], {home: newHome()}))
  })

  it('refuses paths over the length limits, and a path the filesystem cannot hold, as PACKAGE_PATH_TOO_LONG', async () => {
    const longSegment = `${'a'.repeat(300)}.py`
    const deep = `${Array.from({length: 30}, () => 'd'.repeat(200)).join('/')}/x.py`
    await pushRawPackage(setup.registry.host, 'team/segment:1', tarOf([['aigogo.json', AIGOGO_JSON], [longSegment, 'X = 1\n']]))
    await pushRawPackage(setup.registry.host, 'team/deep:1', tarOf([['aigogo.json', AIGOGO_JSON], [deep, 'X = 1\n']]))
    for (const [ref, env] of [
      ['team/segment:1', {}],
      ['team/deep:1', {}],
      // Within raised limits, the filesystem (NAME_MAX 255) refuses: still a coded error.
      ['team/segment:1', {AIGOGO_MAX_PATH_SEGMENT_BYTES: '1000'}],
    ] as const) {
      const home = newHome()
      const result = await aigogo(['pull', `${proxy.host}/${ref}`, '--json'], {env, home})
      failed(result, 'PACKAGE_PATH_TOO_LONG', 3)
      expect(jsonError(result).message.length).toBeLessThan(400)
      expect(await stages(home)).toEqual([])
    }
  })
})

describe('references', () => {
  it('refuses a 5,000-character reference and a port outside 1-65535 without a request', async () => {
    const before = proxy.seen.length
    for (const ref of [`${proxy.host}/team/${'a'.repeat(5000)}:1`, `${proxy.host}/team/x:${'1'.repeat(5000)}`, '127.0.0.1:99999/team/x:1', '127.0.0.1:0/team/x:1']) {
      const result = await aigogo(['pull', ref, '--json'], {home: newHome()})
      failed(result, 'REFERENCE_INVALID', 1)
      expect(jsonError(result).message.length).toBeLessThan(600)
    }
    expect(proxy.seen.length).toBe(before)
  })
})

describe('integrity', () => {
  it('keeps a package whose integrity is not the one aigogo.lock records out of the store', async () => {
    const authorHome = newHome()
    const original = join(setup.root, 'project-integrity')
    await mkdir(original)
    await pushRawPackage(setup.registry.host, 'team/locked:1', tarOf([['aigogo.json', AIGOGO_JSON], ['raw.py', 'X = 1\n']]))
    ok(await aigogo(['add', `${proxy.host}/team/locked:1`], {cwd: original, home: authorHome}))
    const lock = JSON.parse(await readFile(join(original, 'aigogo.lock'), 'utf8')) as {packages: Record<string, {integrity: string}>}
    const entry = Object.values(lock.packages)[0]!
    entry.integrity = `sha256:${'0'.repeat(64)}`
    const clone = join(setup.root, 'clone-integrity')
    await mkdir(clone)
    await writeFile(join(clone, 'aigogo.lock'), JSON.stringify(lock, null, 2))

    const fresh = newHome()
    failed(await aigogo(['install', '--json'], {cwd: clone, env: {VIRTUAL_ENV: undefined}, home: fresh}), 'INTEGRITY_MISMATCH', 3)
    expect(await storedPackages(fresh)).toEqual([])
    expect(await stages(fresh)).toEqual([])

    // A package that was in the store before stays there.
    const before = await storedPackages(authorHome)
    expect(before).toHaveLength(1)
    await copyFile(join(clone, 'aigogo.lock'), join(original, 'aigogo.lock'))
    failed(await aigogo(['install', '--json'], {cwd: original, env: {VIRTUAL_ENV: undefined}, home: authorHome}), 'INTEGRITY_MISMATCH', 3)
    expect(await storedPackages(authorHome)).toEqual(before)
  })
})
