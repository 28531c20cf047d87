/**
 * The "referrers" capability against the real docker-registry: the OCI referrers tag schema
 * (Distribution 2.8 has no referrers API), and the API through test/helpers/referrers-proxy.ts.
 * skopeo reads what was written, as an independent client.
 */
import {execa} from 'execa'
import {createHash} from 'node:crypto'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ReferrersCapability, ReferrerSubject} from '@aigogo/sdk/core'

import {aigogo} from '../../../test/helpers/cli.js'
import {startFaultProxy} from '../../../test/helpers/fault-proxy.js'
import {AIGOGO_JSON, pushRawPackage, tarOf} from '../../../test/helpers/raw-push.js'
import {startReferrersProxy} from '../../../test/helpers/referrers-proxy.js'
import {startRegistry} from '../../../test/helpers/registry.js'
import {setProcessEnv} from '../../../test/helpers/process-env.js'
import {rejectionCode} from '../../../test/helpers/rejection-code.js'
import {json, ok, useBuiltPackage} from './fixtures.js'

const SIG = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const SBOM = 'application/spdx+json'

const setup = useBuiltPackage()
let referrers: ReferrersCapability
let restoreEnv: (() => void) | undefined

beforeAll(async () => {
  // In-process calls read credentials and caches from the environment: keep them private.
  restoreEnv = setProcessEnv({AIGOGO_HOME: setup.pkg.home, DOCKER_CONFIG: join(setup.root, 'docker')})
  referrers = (await import('../dist/capabilities/referrers.js')).default
}, 60_000)
afterAll(() => restoreEnv?.())

async function push(ref: string): Promise<string> {
  return json<{digest: string}>(await aigogo(['push', ref, '--from', setup.pkg.build, '--json'], {home: setup.pkg.home})).digest
}

async function skopeoRaw(ref: string): Promise<Record<string, unknown>> {
  const {stdout} = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`])
  return JSON.parse(stdout) as Record<string, unknown>
}

const sha = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const fallbackTag = (subject: ReferrerSubject): string => subject.digest.replace(':', '-')

describe('referrers on a registry without the referrers API (tag schema fallback)', () => {
  it('resolves a package to its manifest, attaches two referrers to the sha256-<hex> index, and lists and fetches them', async () => {
    const digest = await push(`${setup.registry.host}/team/signed:1.0.0`)
    const subject = await referrers.resolve(`${setup.registry.host}/team/signed:1.0.0`)
    expect(subject.digest).toBe(digest)
    expect(subject.size).toBe(subject.manifestBytes.length)
    expect(subject.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    expect(await referrers.list(subject)).toEqual({referrers: [], via: 'tag'})

    const first = await referrers.attach(subject, {artifactType: SIG, payload: bytes('{"one":1}'), payloadMediaType: SIG})
    const second = await referrers.attach(subject, {annotations: {note: 'second'}, artifactType: SBOM, payload: bytes('{"two":2}'), payloadMediaType: SBOM})
    // skopeo, independently: the index under the tag lists both, the artifact points at the package.
    const index = await skopeoRaw(`${setup.registry.host}/team/signed:${fallbackTag(subject)}`)
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(index.manifests).toEqual([
      {artifactType: SIG, digest: first.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: first.size},
      {annotations: {note: 'second'}, artifactType: SBOM, digest: second.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: second.size},
    ])
    const artifact = await skopeoRaw(`${setup.registry.host}/team/signed@${first.digest}`)
    expect(artifact).toMatchObject({
      artifactType: SIG,
      config: {digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', mediaType: 'application/vnd.oci.empty.v1+json', size: 2},
      layers: [{mediaType: SIG, size: 9}],
      subject: {digest, mediaType: subject.mediaType, size: subject.size},
    })

    expect(await referrers.list(subject)).toEqual({referrers: [first, second], via: 'tag'})
    expect(await referrers.list(subject, {artifactType: SIG})).toEqual({referrers: [first], via: 'tag'})
    expect(new TextDecoder().decode(await referrers.fetch(subject, first))).toBe('{"one":1}')
    expect(new TextDecoder().decode(await referrers.fetch(subject, second))).toBe('{"two":2}')
    // Attaching the same artifact again adds no second entry.
    await referrers.attach(subject, {artifactType: SIG, payload: bytes('{"one":1}'), payloadMediaType: SIG})
    expect((await referrers.list(subject)).referrers).toHaveLength(2)
  })

  it('lists in one round trip when there is no index: the API and a HEAD of the tag side by side, no GET of the tag', async () => {
    await push(`${setup.registry.host}/team/unsigned:1.0.0`)
    const proxy = await startFaultProxy(setup.registry.host)
    try {
      const subject = await referrers.resolve(`${proxy.host}/team/unsigned:1.0.0`)
      expect(await referrers.list(subject)).toEqual({referrers: [], via: 'tag'})
      const tag = new RegExp(`/manifests/${fallbackTag(subject)}$`)
      expect({get: proxy.count('GET', tag), head: proxy.count('HEAD', tag)}).toEqual({get: 0, head: 1})
      expect(proxy.count('GET', /\/referrers\//)).toBe(1)
    } finally {
      await proxy.stop()
    }
  })

  it('keeps entries and fields it does not know when it updates a fallback index someone else wrote', async () => {
    await push(`${setup.registry.host}/team/foreign:1.0.0`)
    const subject = await referrers.resolve(`${setup.registry.host}/team/foreign:1.0.0`)
    const theirs = await referrers.attach(subject, {artifactType: SBOM, payload: bytes('theirs'), payloadMediaType: SBOM})
    // Rewrite the index as another tool might: an extra field on the entry and on the index.
    const tag = fallbackTag(subject)
    const index = {annotations: {'com.example.tool': 'x'}, manifests: [{...theirs, platform: {architecture: 'amd64', os: 'linux'}}], mediaType: 'application/vnd.oci.image.index.v1+json', schemaVersion: 2}
    const put = await fetch(`http://${setup.registry.host}/v2/team/foreign/manifests/${tag}`, {body: JSON.stringify(index), headers: {'content-type': 'application/vnd.oci.image.index.v1+json'}, method: 'PUT'})
    expect(put.status).toBe(201)
    const ours = await referrers.attach(subject, {artifactType: SIG, payload: bytes('ours'), payloadMediaType: SIG})
    const after = await skopeoRaw(`${setup.registry.host}/team/foreign:${tag}`)
    expect(after.annotations).toEqual({'com.example.tool': 'x'})
    expect(after.manifests).toEqual([{...theirs, platform: {architecture: 'amd64', os: 'linux'}}, ours])
  })

  it('refuses a fallback tag that holds something other than an index, and leaves it alone', async () => {
    const digest = await push(`${setup.registry.host}/team/squatted:1.0.0`)
    const subject = await referrers.resolve(`${setup.registry.host}/team/squatted:1.0.0`)
    // The package's own manifest, tagged sha256-<hex>: not a referrers index.
    const put = await fetch(`http://${setup.registry.host}/v2/team/squatted/manifests/${fallbackTag(subject)}`, {body: new Uint8Array(subject.manifestBytes), headers: {'content-type': subject.mediaType}, method: 'PUT'})
    expect(put.status).toBe(201)
    expect(await rejectionCode(referrers.list(subject))).toBe('REFERRERS_INDEX_INVALID')
    expect(await rejectionCode(referrers.attach(subject, {artifactType: SIG, payload: bytes('x'), payloadMediaType: SIG}))).toBe('REFERRERS_INDEX_INVALID')
    const still = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${setup.registry.host}/team/squatted:${fallbackTag(subject)}`])
    expect(`sha256:${createHash('sha256').update(still.stdout).digest('hex')}`).toBe(digest)
  })
})

describe('referrers through the referrers API (stand-in in front of the registry)', () => {
  it('attaches without touching the fallback tag, lists through the API, and filters by artifactType', async () => {
    const proxy = await startReferrersProxy(setup.registry.host)
    try {
      await push(`${setup.registry.host}/team/api:1.0.0`)
      const subject = await referrers.resolve(`${proxy.host}/team/api:1.0.0`)
      expect(await referrers.list(subject)).toEqual({referrers: [], via: 'api'})
      const sig = await referrers.attach(subject, {artifactType: SIG, payload: bytes('{"sig":1}'), payloadMediaType: SIG})
      const sbom = await referrers.attach(subject, {artifactType: SBOM, payload: bytes('{"sbom":1}'), payloadMediaType: SBOM})
      // Neither read nor written: a listing only asks, beside the API, whether it exists (HEAD).
      expect(proxy.seen.filter((s) => s.path.includes('/manifests/sha256-') && s.method !== 'HEAD')).toEqual([])
      expect(await referrers.list(subject)).toEqual({referrers: [sig, sbom], via: 'api'})
      proxy.seen.splice(0)
      expect(await referrers.list(subject, {artifactType: SIG})).toEqual({referrers: [sig], via: 'api'})
      expect(proxy.seen.find((s) => s.path.includes('/referrers/'))?.query.get('artifactType')).toBe(SIG)
      expect(new TextDecoder().decode(await referrers.fetch(subject, sig))).toBe('{"sig":1}')
      // The registry behind it holds no fallback index either.
      const head = await fetch(`http://${setup.registry.host}/v2/team/api/manifests/${fallbackTag(subject)}`, {headers: {accept: 'application/vnd.oci.image.index.v1+json'}, method: 'HEAD'})
      expect(head.status).toBe(404)
    } finally {
      await proxy.stop()
    }
  })

  it('filters by artifactType itself when the registry ignores the filter', async () => {
    const proxy = await startReferrersProxy(setup.registry.host, {ignoreFilter: true})
    try {
      await push(`${setup.registry.host}/team/unfiltered:1.0.0`)
      const subject = await referrers.resolve(`${proxy.host}/team/unfiltered:1.0.0`)
      const sig = await referrers.attach(subject, {artifactType: SIG, payload: bytes('a'), payloadMediaType: SIG})
      await referrers.attach(subject, {artifactType: SBOM, payload: bytes('b'), payloadMediaType: SBOM})
      expect(await referrers.list(subject, {artifactType: SIG})).toEqual({referrers: [sig], via: 'api'})
    } finally {
      await proxy.stop()
    }
  })
})

describe('referrers on a registry with token auth', () => {
  it('lists, attaches and fetches with the login the other commands use (pull and push scopes)', async () => {
    const secured = await startRegistry({auth: 'token'})
    try {
      // The login lands in the package's home, which the in-process calls use too.
      ok(await aigogo(['login', secured.host, '-u', secured.username, '--password-stdin'], {home: setup.pkg.home, input: `${secured.password}\n`}))
      ok(await aigogo(['push', `${secured.host}/team/locked:1`, '--from', setup.pkg.build], {home: setup.pkg.home}))
      const subject = await referrers.resolve(`${secured.host}/team/locked:1`)
      const attached = await referrers.attach(subject, {artifactType: SIG, payload: bytes('{"auth":1}'), payloadMediaType: SIG})
      expect(await referrers.list(subject)).toEqual({referrers: [attached], via: 'tag'})
      expect(new TextDecoder().decode(await referrers.fetch(subject, attached))).toBe('{"auth":1}')
      expect(secured.tokenRequests.some((t) => t.user && t.scope.includes('repository:team/locked:pull,push'))).toBe(true)
    } finally {
      await secured.stop()
    }
  })
})

describe('referrers that are not what they claim', () => {
  it('refuses a referrer whose manifest is not the one its digest names', async () => {
    await push(`${setup.registry.host}/team/liar:1.0.0`)
    const direct = await referrers.resolve(`${setup.registry.host}/team/liar:1.0.0`)
    const sig = await referrers.attach(direct, {artifactType: SIG, payload: bytes('{"sig":"good"}'), payloadMediaType: SIG})
    const proxy = await startReferrersProxy(setup.registry.host, {api: false})
    try {
      proxy.rewrite(new RegExp(`/manifests/${sig.digest}$`), (body) => Buffer.from(body.toString('utf8').replace('"schemaVersion":2', '"schemaVersion": 2')))
      const subject = await referrers.resolve(`${proxy.host}/team/liar:1.0.0`)
      expect((await referrers.list(subject)).referrers).toEqual([sig])
      expect(await rejectionCode(referrers.fetch(subject, sig))).toBe('REFERRER_INVALID')
    } finally {
      await proxy.stop()
    }
  })

  it('refuses a referrer listed with the wrong size or type, one about another package, one with two layers, and one whose payload is not its digest', async () => {
    await push(`${setup.registry.host}/team/odd:1.0.0`)
    const subject = await referrers.resolve(`${setup.registry.host}/team/odd:1.0.0`)
    const good = await referrers.attach(subject, {artifactType: SIG, payload: bytes('payload'), payloadMediaType: SIG})
    expect(await rejectionCode(referrers.fetch(subject, {...good, size: good.size + 1}))).toBe('REFERRER_INVALID')
    expect(await rejectionCode(referrers.fetch(subject, {...good, mediaType: 'application/vnd.oci.image.index.v1+json'}))).toBe('REFERRER_INVALID')

    // Another package in the same repository, and a signature of it listed as if it were ours.
    await pushRawPackage(setup.registry.host, 'team/odd:raw', tarOf([['aigogo.json', AIGOGO_JSON]]))
    const sibling = await referrers.resolve(`${setup.registry.host}/team/odd:raw`)
    const theirs = await referrers.attach(sibling, {artifactType: SIG, payload: bytes('payload'), payloadMediaType: SIG})
    expect(await rejectionCode(referrers.fetch(subject, theirs))).toBe('REFERRER_INVALID')

    // An artifact of ours with two layers.
    const artifact = await skopeoRaw(`${setup.registry.host}/team/odd@${good.digest}`)
    const twoLayers = Buffer.from(JSON.stringify({...artifact, layers: [...(artifact.layers as unknown[]), ...(artifact.layers as unknown[])]}))
    const put = await fetch(`http://${setup.registry.host}/v2/team/odd/manifests/${sha(twoLayers)}`, {body: twoLayers, headers: {'content-type': 'application/vnd.oci.image.manifest.v1+json'}, method: 'PUT'})
    expect(put.status).toBe(201)
    expect(await rejectionCode(referrers.fetch(subject, {...good, digest: sha(twoLayers), size: twoLayers.length}))).toBe('REFERRER_INVALID')

    // A registry that sends another payload than the artifact names.
    const proxy = await startReferrersProxy(setup.registry.host, {api: false})
    try {
      proxy.rewrite(/\/blobs\//, (body) => Buffer.from(body.toString('utf8').replace('payload', 'PAYLOAD')))
      const viaProxy = await referrers.resolve(`${proxy.host}/team/odd:1.0.0`)
      expect(await rejectionCode(referrers.fetch(viaProxy, good))).toBe('REFERRER_INVALID')
    } finally {
      await proxy.stop()
    }
    // The real thing still reads.
    expect(new TextDecoder().decode(await referrers.fetch(subject, good))).toBe('payload')
  })
})
