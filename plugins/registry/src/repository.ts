/**
 * The distribution-spec endpoints of one repository: manifests, blobs, uploads, tags.
 * Requests go through the session (auth, retry); every unexpected status becomes a coded error.
 */
import type {Hash} from 'node:crypto'
import {type Readable, Transform} from 'node:stream'

import {dataError} from '@aigogo/sdk/core'

import {CHUNK_SIZE, Header, MANIFEST_ACCEPT, MediaType} from './constants.js'
import {responseError} from './errcode.js'
import type {Reference} from './reference.js'
import type {Session} from './session.js'
import {readLimited, readLimitedJson} from './transport/body.js'
import {header, type HttpRequest, type HttpResponse} from './transport/types.js'
import {sha256Hex} from './digest.js'
import {nextLink} from './pagination.js'
import {retryTransfer} from './retry.js'
import {chunkCollector} from './transport/collect-garbage.js'

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

export interface FetchedManifest {
  bytes: Buffer
  mediaType: string
  digest: string
}

/** Where a blob's bytes come from for an upload: bytes in memory, or a stream opened afresh per attempt. */
export type BlobSource = {bytes: Uint8Array} | {open: () => Readable}

export class Repository {
  readonly scopes: string[]

  constructor(
    readonly session: Session,
    readonly ref: Reference,
    options: {push?: boolean; mountFrom?: string[]; delete?: boolean} = {},
  ) {
    const actions = options.delete ? 'pull,delete' : options.push ? 'pull,push' : 'pull'
    this.scopes = [`repository:${ref.repository}:${actions}`, ...(options.mountFrom ?? []).map((r) => `repository:${r}:pull`)]
  }

  get registry(): string {
    return this.ref.registry
  }

  async url(path: string): Promise<URL> {
    return new URL(`${await this.session.origin(this.ref.apiHost)}/v2/${this.ref.repository}/${path}`)
  }

  /**
   * Whether a URL (a next page a registry named) is on this registry's origin as known now: a
   * registry on this machine is addressed in plain HTTP until its first answer says (session.ts),
   * so the origin is asked after that answer, not kept from before the first request.
   */
  async isOwnOrigin(url: URL): Promise<boolean> {
    return url.origin === new URL(await this.session.origin(this.ref.apiHost)).origin
  }

  send(request: Omit<HttpRequest, 'scopes'>): Promise<HttpResponse> {
    return this.session.send({...request, scopes: this.scopes})
  }

  /** The manifest, fetched again from the start when its body drops or stalls. */
  fetchManifest(reference: string): Promise<FetchedManifest> {
    return retryTransfer(this.session.retry, this.registry, `fetch the manifest ${this.ref.repository}:${reference}`, () => this.fetchManifestOnce(reference))
  }

  private async fetchManifestOnce(reference: string): Promise<FetchedManifest> {
    const response = await this.send({headers: {[Header.accept]: MANIFEST_ACCEPT}, method: 'GET', url: await this.url(`manifests/${reference}`)})
    if (response.status !== 200) throw await responseError(response, `fetch the manifest ${this.ref.repository}:${reference}`, this.registry)
    const bytes = await readLimited(response, 'manifest')
    const digest = `sha256:${sha256Hex(bytes)}`
    if (reference.startsWith('sha256:') && reference !== digest) {
      throw dataError('MANIFEST_DIGEST_MISMATCH', `the manifest ${this.ref.repository}@${reference} that ${this.registry} sent has digest ${digest}`, [
        'the registry returned different content than asked for; do not trust it',
      ])
    }
    const declared = header(response, Header.contentType)?.split(';')[0]?.trim()
    const inBody = (JSON.parse(bytes.toString('utf8') || '{}') as {mediaType?: string}).mediaType
    return {bytes, digest, mediaType: inBody ?? declared ?? MediaType.ociManifest}
  }

  /** The manifest's digest, or undefined when the tag does not exist. */
  async resolveDigest(reference: string): Promise<string | undefined> {
    const response = await this.send({headers: {[Header.accept]: MANIFEST_ACCEPT}, method: 'HEAD', url: await this.url(`manifests/${reference}`)})
    await response.body.dump()
    if (response.status === 404) return undefined
    if (response.status !== 200) throw await responseError(response, `look up ${this.ref.repository}:${reference}`, this.registry)
    const digest = header(response, Header.contentDigest)
    if (digest) return digest
    return (await this.fetchManifest(reference)).digest
  }

  /** Stores a manifest; returns the response headers (OCI-Subject tells a referrers-aware registry). */
  async putManifest(reference: string, bytes: Uint8Array, mediaType: string): Promise<HttpResponse['headers']> {
    const response = await this.send({body: bytes, headers: {[Header.contentType]: mediaType}, method: 'PUT', url: await this.url(`manifests/${reference}`)})
    if (response.status !== 201 && response.status !== 200) throw await responseError(response, `store the manifest ${this.ref.repository}:${reference}`, this.registry)
    await response.body.dump()
    return response.headers
  }

  async deleteManifest(digest: string): Promise<void> {
    const response = await this.send({method: 'DELETE', url: await this.url(`manifests/${digest}`)})
    if (response.status !== 202 && response.status !== 200) throw await responseError(response, `delete ${this.ref.repository}@${digest}`, this.registry)
    await response.body.dump()
  }

  async blobExists(digest: string): Promise<boolean> {
    const response = await this.send({method: 'HEAD', url: await this.url(`blobs/${digest}`)})
    await response.body.dump()
    if (response.status === 200) return true
    if (response.status === 404) return false
    throw await responseError(response, `check for blob ${digest}`, this.registry)
  }

  /** The blob's response, body not yet read. */
  async fetchBlob(digest: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const response = await this.send({headers, method: 'GET', url: await this.url(`blobs/${digest}`)})
    if (response.status !== 200 && response.status !== 206) throw await responseError(response, `download blob ${digest}`, this.registry)
    return response
  }

  async fetchSmallBlob(descriptor: Descriptor): Promise<Buffer> {
    const response = await this.fetchBlob(descriptor.digest)
    const bytes = await readLimited(response, 'config blob')
    if (bytes.length !== descriptor.size || `sha256:${sha256Hex(bytes)}` !== descriptor.digest) {
      throw dataError('BLOB_DIGEST_MISMATCH', `blob ${descriptor.digest} from ${this.registry} does not match its digest or size`, [
        'the registry sent corrupt data; try again, and report it to the registry owner if it persists',
      ])
    }
    return bytes
  }

  /** Cross-repository mount: true when the registry linked the blob without an upload. */
  async mountBlob(digest: string, from: string): Promise<{mounted: boolean; location?: URL}> {
    const url = await this.url('blobs/uploads/')
    url.searchParams.set('mount', digest)
    url.searchParams.set('from', from)
    const response = await this.send({method: 'POST', url})
    await response.body.dump()
    if (response.status === 201) return {mounted: true}
    if (response.status === 202) return {location: this.location(response), mounted: false}
    return {mounted: false}
  }

  /**
   * Monolithic upload (POST, then PUT with the digest). When a large PUT fails (a proxy's
   * body limit, say), the blob goes again in chunks of CHUNK_SIZE, one PATCH each.
   */
  async uploadBlob(descriptor: Descriptor, source: BlobSource, onBytes?: (n: number) => void, session?: URL): Promise<void> {
    const location = session ?? (await this.startUpload())
    let sent = 0
    const count = (n: number): void => {
      sent += n
      onBytes?.(n)
    }
    try {
      await this.putWhole(location, descriptor, source, count)
    } catch (error) {
      // Chunks cannot help when we may not write at all, or when the data itself was refused.
      if (descriptor.size <= CHUNK_SIZE || !('open' in source) || !chunksMayHelp(error)) throw error
      onBytes?.(-sent)
      await this.uploadChunked(descriptor, source.open, onBytes)
    }
  }

  /**
   * Uploads a blob whose digest nobody knows yet, hashing it while it is sent, so its source is
   * read once: one PATCH carrying the whole stream as the first and only chunk (Content-Range
   * 0-<size-1>, as the distribution spec's chunked upload has it), then the PUT that names the
   * digest. Returns the digest; the registry refuses the PUT if its own hash differs.
   */
  async uploadHashing(size: number, open: () => Readable, onBytes?: (n: number) => void): Promise<string> {
    const location = await this.startUpload()
    let hash: Hash | undefined
    let sent = 0
    const response = await this.send({
      // Opened afresh per attempt: a retried request starts the hash and the count again.
      body: () => {
        // Loaded here, not at import: info and the other commands that read only manifests never hash a stream.
        hash = process.getBuiltinModule('node:crypto').createHash('sha256')
        onBytes?.(-sent)
        sent = 0
        const attempt = hash
        return counted(hashed(open(), attempt), (n) => {
          sent += n
          onBytes?.(n)
        })
      },
      headers: {
        [Header.contentLength]: String(size),
        [Header.contentRange]: `0-${size - 1}`,
        [Header.contentType]: MediaType.octetStream,
      },
      method: 'PATCH',
      url: location,
    })
    if (response.status !== 202) throw await responseError(response, `upload blob of ${size} bytes to ${this.ref.repository}`, this.registry)
    await response.body.dump()
    if (!hash || sent !== size) throw dataError('REGISTRY_PROTOCOL', `${this.registry} accepted an upload of ${sent} of ${size} bytes`, ['try again'])
    const digest = `sha256:${hash.digest('hex')}`
    const url = new URL(this.location(response))
    url.searchParams.set('digest', digest)
    const done = await this.send({headers: {[Header.contentLength]: '0'}, method: 'PUT', url})
    if (done.status !== 201) throw await responseError(done, `finish the upload of blob ${digest}`, this.registry)
    await done.body.dump()
    return digest
  }

  private async startUpload(): Promise<URL> {
    const response = await this.send({method: 'POST', url: await this.url('blobs/uploads/')})
    await response.body.dump()
    if (response.status !== 202) throw await responseError(response, `start an upload to ${this.ref.repository}`, this.registry)
    return this.location(response)
  }

  private location(response: HttpResponse): URL {
    const value = header(response, Header.location)
    if (!value) throw dataError('REGISTRY_PROTOCOL', `${this.registry} started an upload without telling where to send it (no Location header)`)
    return new URL(value, response.url)
  }

  private async putWhole(location: URL, descriptor: Descriptor, source: BlobSource, onBytes?: (n: number) => void): Promise<void> {
    const url = new URL(location)
    url.searchParams.set('digest', descriptor.digest)
    const body = 'bytes' in source ? source.bytes : () => counted(source.open(), onBytes)
    const response = await this.send({
      body,
      headers: {[Header.contentLength]: String(descriptor.size), [Header.contentType]: MediaType.octetStream},
      method: 'PUT',
      url,
    })
    if (response.status !== 201) throw await responseError(response, `upload blob ${descriptor.digest}`, this.registry)
    await response.body.dump()
    if ('bytes' in source) onBytes?.(descriptor.size)
  }

  private async uploadChunked(descriptor: Descriptor, open: () => Readable, onBytes?: (n: number) => void): Promise<void> {
    let location = await this.startUpload()
    let start = 0
    // Each chunk is held in memory (CHUNK_SIZE at most) so a retried PATCH can send it again.
    for await (const chunk of chunksOf(open(), CHUNK_SIZE)) {
      const end = start + chunk.length - 1
      const response = await this.send({
        body: chunk,
        headers: {
          [Header.contentLength]: String(chunk.length),
          [Header.contentRange]: `${start}-${end}`,
          [Header.contentType]: MediaType.octetStream,
        },
        method: 'PATCH',
        url: location,
      })
      if (response.status !== 202) throw await responseError(response, `upload a chunk of blob ${descriptor.digest}`, this.registry)
      await response.body.dump()
      onBytes?.(chunk.length)
      location = this.location(response)
      start = end + 1
    }
    const url = new URL(location)
    url.searchParams.set('digest', descriptor.digest)
    const response = await this.send({headers: {[Header.contentLength]: '0'}, method: 'PUT', url})
    if (response.status !== 201) throw await responseError(response, `finish the upload of blob ${descriptor.digest}`, this.registry)
    await response.body.dump()
  }

  async tags(): Promise<string[]> {
    const all: string[] = []
    let url: URL | undefined = await this.url('tags/list')
    while (url) {
      const response = await this.send({method: 'GET', url})
      if (response.status !== 200) throw await responseError(response, `list the tags of ${this.ref.repository}`, this.registry)
      const next = nextLink(response)
      const page = (await readLimitedJson(response, 'tag list')) as {tags?: string[] | null}
      all.push(...(page.tags ?? []))
      url = next
    }
    return all
  }
}

/**
 * Counts bytes as the consumer reads them (a 'data' listener would start the flow too early), and
 * keeps the dead chunks of the upload bounded (transport/collect-garbage.ts).
 */
function counted(stream: Readable, onBytes?: (n: number) => void): Readable {
  const collect = chunkCollector()
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes?.(chunk.length)
      collect(chunk.length)
      callback(null, chunk)
    },
  })
  stream.on('error', (error) => meter.destroy(error))
  return stream.pipe(meter)
}

/** Feeds every chunk the consumer reads into `hash`. */
function hashed(stream: Readable, hash: Hash): Readable {
  const through = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
  })
  stream.on('error', (error) => through.destroy(error))
  return stream.pipe(through)
}

/** A stream re-cut into buffers of exactly `size` bytes (the last one shorter). */
async function* chunksOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = []
  let held = 0
  for await (const piece of stream) {
    let chunk = piece as Buffer
    while (held + chunk.length >= size) {
      const take = size - held
      parts.push(chunk.subarray(0, take))
      yield Buffer.concat(parts)
      parts = []
      held = 0
      chunk = chunk.subarray(take)
    }
    if (chunk.length > 0) {
      parts.push(chunk)
      held += chunk.length
    }
  }
  if (held > 0) yield Buffer.concat(parts)
}

/** A refused login or a digest the registry computed differently fails chunked uploads just the same. */
export function chunksMayHelp(error: unknown): boolean {
  const {code, details} = error as {code?: string; details?: {status?: number; registryCode?: string}}
  return code !== 'PACKAGE_CHANGED' && details?.status !== 401 && details?.status !== 403 && details?.registryCode !== 'DIGEST_INVALID'
}
