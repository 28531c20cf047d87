/**
 * `aigogo info --offline` against the real docker-registry, seen through test/helpers/fault-proxy.ts
 * so every request is counted: it answers from what the last info kept (manifest-cache.ts), with
 * no request; a digest reference is answered from a kept manifest online too; nothing is kept
 * by an info that failed, and a kept file that lost its digest is never used.
 */
import {readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {type FaultProxy, startFaultProxy} from '../../../test/helpers/fault-proxy.js'
import {json, ok, useBuiltPackage} from './fixtures.js'

interface Info {
  digest: string
  format: string
  package?: {name: string}
  offline?: true
  confirmedAt?: string
  signatures?: unknown[]
}

const setup = useBuiltPackage('kept')
let proxy: FaultProxy

beforeAll(async () => {
  proxy = await startFaultProxy(setup.registry.host)
}, 60_000)
afterAll(async () => {
  await proxy?.stop()
})

const home = (): string => setup.pkg.home
const ref = (path: string): string => `${proxy.host}/${path}`

async function push(path: string, ...flags: string[]): Promise<string> {
  return json<{digest: string}>(await aigogo(['push', `${setup.registry.host}/${path}`, '--from', setup.pkg.build, '--json', ...flags], {home: home()})).digest
}

async function info(target: string, ...flags: string[]): Promise<Info> {
  return json<Info>(await aigogo(['info', target, '--json', ...flags], {home: home()}))
}

async function kept(kind: 'manifests' | 'tags', at = home()): Promise<string[]> {
  return readdir(join(at, 'cache', 'registry', kind)).catch(() => [])
}

describe('info --offline', () => {
  it('answers from what the last info kept, with no request; before any info it is NOT_CACHED', async () => {
    const digest = await push('team/kept:1.0.0')
    const refused = await aigogo(['info', ref('team/kept:1.0.0'), '--offline', '--json'], {home: home()})
    expect(refused.exitCode).toBe(2)
    expect(jsonError(refused)).toMatchObject({code: 'NOT_CACHED', details: {ref: ref('team/kept:1.0.0')}})

    const before = Date.now() - 1000
    const online = await info(ref('team/kept:1.0.0'))
    expect(online).toMatchObject({digest, package: {name: 'kept'}, signatures: []})
    const requests = proxy.seen.length
    const offline = await info(ref('team/kept:1.0.0'), '--offline')
    expect(proxy.seen.length).toBe(requests)
    const {signatures: _signatures, ...shown} = online
    expect(offline).toEqual({...shown, confirmedAt: offline.confirmedAt, offline: true})
    expect(Date.parse(String(offline.confirmedAt))).toBeGreaterThanOrEqual(before)
    expect(Date.parse(String(offline.confirmedAt))).toBeLessThanOrEqual(Date.now())

    const text = ok(await aigogo(['info', ref('team/kept:1.0.0'), '--offline'], {home: home()})).stdout
    expect(text).toContain(`Digest:    ${digest}`)
    expect(text).toContain(`As of:     ${offline.confirmedAt}`)
    expect(text).toContain('Signatures: not listed offline')
    expect(proxy.seen.length).toBe(requests)
  })

  it('shows what a moved tag named at the last info, until info asks the registry again', async () => {
    const first = await push('team/moving:1')
    expect((await info(ref('team/moving:1'))).digest).toBe(first)
    // The same build in the Go tool's format: another manifest under the same tag.
    const second = await push('team/moving:1', '--format', 'upstream')
    expect(second).not.toBe(first)
    expect((await info(ref('team/moving:1'), '--offline')).digest).toBe(first)
    const now = await info(ref('team/moving:1'))
    expect(now).toMatchObject({digest: second, format: 'upstream'})
    expect(await info(ref('team/moving:1'), '--offline')).toMatchObject({digest: second, format: 'upstream', offline: true})
  })

  it('answers a digest reference from the kept manifest online too, and never uses a kept file that lost its digest', async () => {
    const digest = await push('team/pinned:1.0.0')
    await info(ref('team/pinned:1.0.0'))
    const manifest = new RegExp(`/manifests/${digest}$`)
    expect((await info(ref(`team/pinned@${digest}`))).digest).toBe(digest)
    expect(proxy.count('GET', manifest)).toBe(0)
    expect((await info(ref(`team/pinned@${digest}`), '--offline')).digest).toBe(digest)

    // Bytes that no longer hash to the digest: offline has nothing, online asks the registry and keeps its answer.
    await writeFile(join(home(), 'cache', 'registry', 'manifests', digest.slice('sha256:'.length)), '{"mediaType":"application/vnd.oci.image.manifest.v1+json","forged":true}')
    expect(jsonError(await aigogo(['info', ref(`team/pinned@${digest}`), '--offline', '--json'], {home: home()}))).toMatchObject({code: 'NOT_CACHED'})
    expect((await info(ref(`team/pinned@${digest}`))).digest).toBe(digest)
    expect(proxy.count('GET', manifest)).toBe(1)
    expect((await info(ref(`team/pinned@${digest}`), '--offline')).digest).toBe(digest)
  })

  it('keeps nothing when info fails', async () => {
    await push('team/broken:1.0.0')
    // A home of its own, so the config blob is not already kept and must be asked for.
    const fresh = join(setup.root, 'fresh-home')
    proxy.rule({fault: {kind: 'status', status: 404}, method: 'GET', path: /^\/v2\/team\/broken\/blobs\//})
    const failed = await aigogo(['info', ref('team/broken:1.0.0'), '--json'], {home: fresh})
    expect(jsonError(failed)).toMatchObject({code: 'REGISTRY_NOT_FOUND'})
    expect({manifests: await kept('manifests', fresh), tags: await kept('tags', fresh)}).toEqual({manifests: [], tags: []})
    expect(jsonError(await aigogo(['info', ref('team/broken:1.0.0'), '--offline', '--json'], {home: fresh}))).toMatchObject({code: 'NOT_CACHED'})
  })
})
