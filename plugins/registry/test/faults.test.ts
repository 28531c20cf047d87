import {execa} from 'execa'
import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {tempDir} from '../../../test/helpers/cli.js'
import store from '../../store/src/capabilities/store.js'
import {pullPackage} from '../src/pull.js'
import {resolvePackage} from '../src/resolve-package.js'
import {parseReference} from '../src/reference.js'
import {Repository} from '../src/repository.js'
import {readCatalog} from '../src/search/catalog.js'
import {createSession, type Session} from '../src/session.js'
import {unpackLayer} from '../src/tar/unpack.js'
import {send, type StandIn, startStandIn} from './stand-in.js'

const MAKE_TAR = join(import.meta.dirname, 'make-tar.py')
const sha = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

let root: {path: string; cleanup: () => Promise<void>}
let layer: Buffer
let standIn: StandIn
let session: Session
let env: NodeJS.ProcessEnv

async function makeTar(kind: string, name: string): Promise<string> {
  const out = join(root.path, name)
  await execa('python3', [MAKE_TAR, out, kind, join(root.path, 'src'), 'aigogo.json', 'utils.py'])
  return out
}

const AIGOGO_JSON = '{"name":"x","version":"1.0.0","language":{"name":"python","version":">=3.8"},"files":{"include":"auto"}}\n'

/** An OCI manifest for the layer; its config blob is the layer's aigogo.json unless told otherwise. */
function manifestFor(layerBytes: Buffer, config = Buffer.from(AIGOGO_JSON)): Buffer {
  return Buffer.from(JSON.stringify({
    artifactType: 'application/vnd.aigogo.package.v1',
    config: {digest: sha(config), mediaType: 'application/vnd.aigogo.package.config.v1+json', size: config.length},
    layers: [{digest: sha(layerBytes), mediaType: 'application/vnd.oci.image.layer.v1.tar', size: layerBytes.length}],
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    schemaVersion: 2,
  }))
}

beforeAll(async () => {
  root = await tempDir()
  await mkdir(join(root.path, 'src'), {recursive: true})
  await writeFile(join(root.path, 'src', 'aigogo.json'), AIGOGO_JSON)
  await writeFile(join(root.path, 'src', 'utils.py'), 'X = 1\n'.repeat(50_000))
  layer = await readFile(await makeTar('plain', 'plain.tar'))
})
afterAll(async () => root?.cleanup())

beforeEach(async () => {
  standIn = await startStandIn()
  env = {...process.env, AIGOGO_HOME: join(root.path, `home-${Math.random().toString(16).slice(2)}`), AIGOGO_RETRY_MAX_DELAY_MS: '1500'}
  // The store capability reads AIGOGO_HOME from the process, like every command.
  process.env.AIGOGO_HOME = env.AIGOGO_HOME
  session = createSession({env, lookup: async () => undefined})
})
afterEach(async () => {
  await session.close()
  await standIn.stop()
})

describe('the scheme of a registry on this machine', () => {
  it('is learned from the first request: a plain registry gets no probe of /v2/ before it', async () => {
    standIn.route('GET', '/v2/team/x/manifests/1', send(200, manifestFor(layer)))
    const resolved = await resolvePackage(session, `${standIn.host}/team/x:1`)
    expect(resolved.digest).toBe(sha(manifestFor(layer)))
    expect(standIn.hits.get('GET /v2/')).toBeUndefined()
    expect(standIn.hits.get('GET /v2/team/x/manifests/1')).toBe(1)
    // A second session of the same process knows the answer already.
    const again = createSession({env, lookup: async () => undefined})
    await resolvePackage(again, `${standIn.host}/team/x:1`)
    await again.close()
    expect(standIn.hits.get('GET /v2/team/x/manifests/1')).toBe(2)
  })

  it('probes /v2/ first when the first request has a body, which a TLS server would never read', async () => {
    standIn.route('POST', '/v2/team/x/blobs/uploads/', send(202, ''))
    const response = await session.send({body: 'x', method: 'POST', url: new URL(`${await session.origin(standIn.host)}/v2/team/x/blobs/uploads/`)})
    await response.body.dump()
    expect(response.status).toBe(202)
    expect(standIn.hits.get('GET /v2/')).toBe(1)
  })
})

// Dropped, cut, stalled and refused transfers against the real registry: hostile-registry.test.ts.
describe('retries and faults', () => {
  it('gives up after the configured retries with a coded error', async () => {
    const limited = createSession({env: {...env, AIGOGO_REGISTRY_RETRIES: '1'}, lookup: async () => undefined})
    standIn.route('GET', '/v2/team/x/manifests/1', send(503, '{"errors":[{"code":"UNAVAILABLE","message":"down for maintenance"}]}'))
    await expect(resolvePackage(limited, `${standIn.host}/team/x:1`)).rejects.toMatchObject({code: 'REGISTRY_ERROR', message: expect.stringContaining('down for maintenance')})
    expect(standIn.hits.get('GET /v2/team/x/manifests/1')).toBe(2)
    await limited.close()
  })

  it('refuses a blob whose bytes do not match its digest and keeps it out of the store', async () => {
    const tampered = Buffer.from(layer)
    tampered[600] = tampered[600]! ^ 1
    standIn.route('GET', '/v2/team/x/manifests/1', send(200, manifestFor(layer)))
    standIn.route('GET', `/v2/team/x/blobs/${sha(layer)}`, send(200, tampered))
    await expect(pullPackage(session, store, `${standIn.host}/team/x:1`, {env})).rejects.toMatchObject({code: 'BLOB_DIGEST_MISMATCH'})
    // Nothing was admitted, and the stage the bytes streamed into is gone.
    expect(await readdir(join(env.AIGOGO_HOME!, 'store')).catch(() => [])).toEqual([])
    expect(await readdir(join(env.AIGOGO_HOME!, 'tmp'))).toEqual([])
    const again = await pullPackage(session, store, `${standIn.host}/team/x:1`, {env}).catch((error: {code: string}) => error.code)
    expect(again).toBe('BLOB_DIGEST_MISMATCH')
  })

  it('refuses a blob longer than its descriptor as soon as the extra bytes arrive', async () => {
    standIn.route('GET', '/v2/team/x/manifests/1', send(200, manifestFor(layer)))
    standIn.route('GET', `/v2/team/x/blobs/${sha(layer)}`, send(200, Buffer.concat([layer, Buffer.alloc(1024)])))
    await expect(pullPackage(session, store, `${standIn.host}/team/x:1`, {env})).rejects.toMatchObject({code: 'BLOB_SIZE_MISMATCH'})
    expect(await readdir(join(env.AIGOGO_HOME!, 'tmp'))).toEqual([])
  })

  it("refuses an OCI package whose layer carries another aigogo.json than the config blob", async () => {
    standIn.route('GET', '/v2/team/x/manifests/1', send(200, manifestFor(layer, Buffer.from('{"name":"x","version":"9.9.9"}'))))
    standIn.route('GET', `/v2/team/x/blobs/${sha(layer)}`, send(200, layer))
    await expect(pullPackage(session, store, `${standIn.host}/team/x:1`, {env})).rejects.toMatchObject({code: 'PACKAGE_CONFIG_MISMATCH'})
    expect(await readdir(join(env.AIGOGO_HOME!, 'store')).catch(() => [])).toEqual([])
  })

  it('refuses a layer that is not a tar archive with a coded error', async () => {
    const junk = Buffer.from('this is not a tar archive at all'.repeat(40))
    standIn.route('GET', '/v2/team/x/manifests/1', send(200, manifestFor(junk)))
    standIn.route('GET', `/v2/team/x/blobs/${sha(junk)}`, send(200, junk))
    await expect(pullPackage(session, store, `${standIn.host}/team/x:1`, {env})).rejects.toMatchObject({code: 'LAYER_INVALID'})
  })

  it('refuses a manifest over 4 MiB', async () => {
    standIn.route('GET', '/v2/team/x/manifests/1', send(200, Buffer.alloc(4 * 1024 * 1024 + 1, 32)))
    await expect(resolvePackage(session, `${standIn.host}/team/x:1`)).rejects.toMatchObject({code: 'REGISTRY_RESPONSE_TOO_LARGE'})
  })

  it('picks the aigogo artifact out of an image index', async () => {
    const manifest = manifestFor(layer)
    const index = Buffer.from(JSON.stringify({
      manifests: [
        {digest: sha('other'), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 5},
        {artifactType: 'application/vnd.aigogo.package.v1', digest: sha(manifest), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: manifest.length},
      ],
      mediaType: 'application/vnd.oci.image.index.v1+json',
      schemaVersion: 2,
    }))
    standIn.route('GET', '/v2/team/x/manifests/1', send(200, index, {'content-type': 'application/vnd.oci.image.index.v1+json'}))
    standIn.route('GET', `/v2/team/x/manifests/${sha(manifest)}`, send(200, manifest))
    const resolved = await resolvePackage(session, `${standIn.host}/team/x:1`)
    expect(resolved.digest).toBe(sha(manifest))
    expect(resolved.manifest.format).toBe('oci')
  })

  it('follows Link pagination of tag lists', async () => {
    standIn.route('GET', '/v2/team/x/tags/list', (request, response) => {
      const last = new URL(request.url!, 'http://x').searchParams.get('last')
      const body = last ? '{"name":"team/x","tags":["3"]}' : '{"name":"team/x","tags":["1","2"]}'
      response.writeHead(200, last ? {} : {link: '</v2/team/x/tags/list?last=2&n=2>; rel="next"'}).end(body)
    })
    expect(await new Repository(session, parseReference(`${standIn.host}/team/x`)).tags()).toEqual(['1', '2', '3'])
  })

  it('ends a catalog read that does not move on, skips what is not a repository name, and never follows a Link elsewhere', async () => {
    let requests = 0
    // Every page is the same full page with a Link to itself: a naive reader never stops.
    standIn.route('GET', '/v2/_catalog', (_request, response) => {
      requests++
      response.writeHead(200, {link: '</v2/_catalog?n=2&last=a>; rel="next"'}).end('{"repositories":["a","b"]}')
    })
    expect(await readCatalog(session, standIn.host, {limit: 500})).toEqual({complete: true, repositories: ['a', 'b']})
    expect(requests).toBe(2)
    standIn.route('GET', '/v2/_catalog', send(200, '{"repositories":"abc"}'))
    expect(await readCatalog(session, standIn.host, {limit: 500})).toEqual({complete: true, repositories: []})
    standIn.route('GET', '/v2/_catalog', send(200, '{"repositories":["ok/one", "../x", 7, "UPPER", "ok/two"]}'))
    expect((await readCatalog(session, standIn.host, {limit: 500})).repositories).toEqual(['ok/one', 'ok/two'])
    const elsewhere = await startStandIn()
    try {
      standIn.route('GET', '/v2/_catalog', (request, response) => {
        const last = new URL(request.url!, 'http://x').searchParams.get('last')
        if (last) return void response.writeHead(200).end('{"repositories":["z"]}')
        response.writeHead(200, {link: `<http://${elsewhere.host}/v2/_catalog?last=b>; rel="next"`}).end('{"repositories":["a","b"]}')
      })
      elsewhere.route('GET', '/v2/_catalog', send(200, '{"repositories":["stolen"]}'))
      expect((await readCatalog(session, standIn.host, {limit: 2 + 1})).repositories).toEqual(['a', 'b', 'z'])
      expect(elsewhere.headers.get('GET /v2/_catalog')).toBeUndefined()
    } finally {
      await elsewhere.stop()
    }
  })

  it('drops the Authorization header when a blob redirects to another origin', async () => {
    const storage = await startStandIn()
    try {
      const authed = createSession({env, lookup: async () => ({password: 'secret', username: 'me'})})
      storage.route('GET', '/blob', send(200, layer))
      standIn.route('GET', '/v2/team/x/manifests/1', (request, response) => {
        if (!request.headers.authorization) return void response.writeHead(401, {'www-authenticate': 'Basic realm="test"'}).end()
        response.writeHead(200).end(manifestFor(layer))
      })
      standIn.route('GET', `/v2/team/x/blobs/${sha(layer)}`, send(307, '', {location: `http://${storage.host}/blob`}))
      await pullPackage(authed, store, `${standIn.host}/team/x:1`, {env})
      expect(standIn.headers.get(`GET /v2/team/x/blobs/${sha(layer)}`)![0]!.authorization).toMatch(/^Basic /)
      expect(storage.headers.get('GET /blob')![0]!.authorization).toBeUndefined()
      await authed.close()
    } finally {
      await storage.stop()
    }
  })
})

describe('safe unpacking', () => {
  it('refuses a layer with a path escaping the package', async () => {
    await expect(unpackLayer(createReadStream(await makeTar('evil-path', 'evil.tar')), join(root.path, 'out-evil'))).rejects.toMatchObject({code: 'PACKAGE_UNSAFE_PATH'})
  })

  it('refuses a layer holding a symbolic link', async () => {
    await expect(unpackLayer(createReadStream(await makeTar('symlink', 'link.tar')), join(root.path, 'out-link'))).rejects.toMatchObject({code: 'PACKAGE_UNSAFE_ENTRY'})
  })

  it('skips the upstream marker entry and keeps the package files', async () => {
    expect(await unpackLayer(createReadStream(await makeTar('upstream', 'up.tar')), join(root.path, 'out-up'))).toEqual(['aigogo.json', 'utils.py'])
  })
})
