/**
 * The chunked upload fallback of Repository.uploadBlob, end to end: a real registry behind a
 * reverse proxy that refuses request bodies over 16 MiB on blob uploads (as nginx's
 * client_max_body_size does), so the first push's single PATCH of a ~20 MiB layer (hashed while
 * sent) fails, then the monolithic PUT, and the blob must go as PATCH chunks of 16 MiB.
 */
import {execa} from 'execa'
import {createHash, randomBytes} from 'node:crypto'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo} from '../../../test/helpers/cli.js'
import {type FaultProxy, startFaultProxy} from '../../../test/helpers/fault-proxy.js'
import {useRegistryWorkspace} from '../../../test/helpers/registry-per-file.js'
import {json, ok} from './fixtures.js'

const MiB = 1024 * 1024
/** CHUNK_SIZE of src/constants.ts, as the wire must show it. */
const CHUNK = 16 * MiB
/** Not a multiple of anything: the last chunk is short and odd-sized. */
const BIG_SIZE = 20 * MiB + 12_345
/** The proxy refuses bodies above this: a CHUNK_SIZE chunk passes, the whole layer does not. */
const BODY_LIMIT = CHUNK
const UPLOAD_PATH = /^\/v2\/.+\/blobs\/uploads\/([^/?]*)$/

/** One request on a blob upload URL, as the proxy saw it. */
interface Seen {
  method: string
  /** The upload session id from the path ('' for the POST that starts one). */
  upload: string
  digest: string | null
  contentLength: number | undefined
  contentRange: string | undefined
  /** What the client got: 413 from the proxy, else the registry's status. */
  status: number
}

/** The proxy's log of blob upload requests. */
function uploads(): Seen[] {
  return proxy.seen.filter((s) => UPLOAD_PATH.test(s.path)).map((s) => ({
    contentLength: s.headers['content-length'] === undefined ? undefined : Number(s.headers['content-length']),
    contentRange: s.headers['content-range'],
    digest: s.query.get('digest'),
    method: s.method,
    status: s.status ?? 0,
    upload: UPLOAD_PATH.exec(s.path)?.[1] ?? '',
  }))
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

const setup = useRegistryWorkspace()
let proxy: FaultProxy
let home: string
let big: Buffer
let built: {ref: string; integrity: string}

beforeAll(async () => {
  // A reverse proxy with nginx's client_max_body_size: 413 (after reading the body) to any request on an upload URL over 16 MiB.
  proxy = await startFaultProxy(setup.registry.host)
  proxy.rule({fault: {body: '<html><body><h1>413 Request Entity Too Large</h1></body></html>', headers: {'content-type': 'text/html'}, kind: 'status', status: 413}, minContentLength: BODY_LIMIT, path: UPLOAD_PATH})
  home = join(setup.root, 'home')
  const dir = join(setup.root, 'big')
  await mkdir(dir, {recursive: true})
  ok(await aigogo(['init', '--name', 'big', '--description', 'one large data file'], {cwd: dir, home}))
  big = randomBytes(BIG_SIZE)
  await writeFile(join(dir, 'big.bin'), big)
  await writeFile(join(dir, 'mod.py'), 'X = 1\n')
  ok(await aigogo(['add', 'file', 'big.bin', 'mod.py'], {cwd: dir, home}))
  const report = json<{ref?: string; name?: string; version?: string; integrity?: string}>(await aigogo(['build', '--json'], {cwd: dir, home}))
  built = {integrity: String(report.integrity), ref: report.ref ?? `${report.name}:${report.version}`}
}, 120_000)
afterAll(async () => proxy?.stop())

interface Pushed {
  ref: string
  digest: string
  size: number
  blobs: {digest: string; size: number; action: string}[]
}

describe('chunked upload fallback', () => {
  it('refuses large blob PUTs at the proxy but forwards small ones (the fixture itself)', async () => {
    // Without this the test below could pass against a proxy that rejects nothing.
    const start = await fetch(`http://${proxy.host}/v2/team/probe/blobs/uploads/`, {method: 'POST'})
    expect(start.status).toBe(202)
    const location = new URL(start.headers.get('location')!, `http://${proxy.host}`)
    expect(location.host).toBe(proxy.host)
    const large = Buffer.alloc(BODY_LIMIT + 1)
    location.searchParams.set('digest', `sha256:${sha256(large)}`)
    const refused = await fetch(location, {body: large, method: 'PUT'})
    expect(refused.status).toBe(413)
    const small = Buffer.from('small blob')
    location.searchParams.set('digest', `sha256:${sha256(small)}`)
    const accepted = await fetch(location, {body: small, method: 'PUT'})
    expect(accepted.status).toBe(201)
    proxy.seen.length = 0
  })

  it('pushes a 20 MiB layer in 16 MiB PATCH chunks when the single PATCH and the monolithic PUT are refused', async () => {
    const ref = `${proxy.host}/team/big:1`
    const pushed = json<Pushed>(await aigogo(['push', ref, '--from', built.ref, '--json'], {home}))
    expect(pushed.ref).toBe(ref)

    const manifest = JSON.parse((await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${setup.registry.host}/team/big:1`])).stdout) as {layers: {digest: string; size: number}[]}
    expect(manifest.layers).toHaveLength(1)
    const layer = manifest.layers[0]!
    const reported = pushed.blobs.find((b) => b.digest === layer.digest)
    expect(reported, JSON.stringify(pushed.blobs)).toBeDefined()
    expect(reported!.action).toBe('uploaded')
    expect(layer.size).toBe(reported!.size)
    // Two chunks: more than one CHUNK_SIZE, less than two.
    expect(layer.size).toBeGreaterThan(CHUNK)
    expect(layer.size).toBeLessThan(2 * CHUNK)

    // The whole layer in one PATCH, hashed while sent (no digest known yet), then, hashed first,
    // the monolithic PUT: both refused.
    const refused = uploads().filter((s) => s.status === 413)
    expect(refused.map((s) => [s.method, s.digest, s.contentLength, s.contentRange])).toEqual([
      ['PATCH', null, layer.size, `0-${layer.size - 1}`],
      ['PUT', layer.digest, layer.size, undefined],
    ])

    // Then a new upload session, exactly two PATCHes of CHUNK_SIZE and the rest, and an empty PUT.
    const patches = uploads().filter((s) => s.method === 'PATCH' && s.status !== 413)
    expect(patches.map((s) => [s.method, s.contentRange])).toEqual([
      ['PATCH', `0-${CHUNK - 1}`],
      ['PATCH', `${CHUNK}-${layer.size - 1}`],
    ])
    expect(patches.map((s) => s.contentLength)).toEqual([CHUNK, layer.size - CHUNK])
    expect(patches.map((s) => s.status)).toEqual([202, 202])
    const session = patches[0]!.upload
    expect(patches[1]!.upload).toBe(session)
    expect(session).not.toBe(refused[0]!.upload)
    expect(session).not.toBe(refused[1]!.upload)
    const finish = uploads().filter((s) => s.method === 'PUT' && s.upload === session)
    expect(finish.map((s) => [s.digest, s.contentLength, s.status])).toEqual([[layer.digest, 0, 201]])
  })

  it('pulls the chunked blob back intact from the registry itself', async () => {
    const pulled = json<{integrity: string; path: string}>(await aigogo(['pull', `${setup.registry.host}/team/big:1`, '--json'], {home: join(setup.root, 'home-pull')}))
    expect(pulled.integrity).toBe(built.integrity)
    expect(sha256(await readFile(join(pulled.path, 'files', 'big.bin')))).toBe(sha256(big))
  })
})
