/**
 * A stand-in for the OCI 1.1 referrers API in front of the real docker-registry (Debian's
 * Distribution 2.8 has none): it forwards everything to the registry, and
 *  - remembers every manifest PUT that carries a `subject`, answering it with `OCI-Subject`;
 *  - serves `GET /v2/<name>/referrers/<digest>` as an OCI image index of those manifests,
 *    honouring `?artifactType=` (and saying so in OCI-Filters-Applied).
 * With `api: false` it is a plain pass-through (the registry's own behaviour: a 404 for the
 * referrers route, no OCI-Subject) that can still rewrite responses, for registries that lie.
 *
 *   const proxy = await startReferrersProxy(registry.host)
 *   await referrers.attach(await referrers.resolve(`${proxy.host}/team/pkg:1`), {...})
 *   await proxy.stop()
 *
 * Bounded like fault-proxy.ts: it stops itself after `lifetimeMs`.
 */
import {createHash} from 'node:crypto'
import {createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse} from 'node:http'
import type {Socket} from 'node:net'

export interface ReferrerEntry {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

export interface ReferrersProxyOptions {
  /** Offer the referrers API (default true). */
  api?: boolean
  /** Answer the referrers API without applying the artifactType filter, as a registry may. */
  ignoreFilter?: boolean
  lifetimeMs?: number
}

export interface ReferrersProxy {
  host: string
  /** Every request: method, path and query. */
  seen: {method: string; path: string; query: URLSearchParams; status?: number}[]
  /** What the API stand-in recorded, by `<name>@<subject digest>`. */
  recorded: Map<string, ReferrerEntry[]>
  /** Replaces the body of responses to GETs whose path matches (the registry lying). */
  rewrite(path: RegExp, change: (body: Buffer) => Buffer): void
  stop(): Promise<void>
}

const INDEX = 'application/vnd.oci.image.index.v1+json'
const ROUTE = /^\/v2\/(.+)\/(manifests|referrers)\/([^/]+)$/

export async function startReferrersProxy(upstream: string, options: ReferrersProxyOptions = {}): Promise<ReferrersProxy> {
  const api = options.api ?? true
  const recorded = new Map<string, ReferrerEntry[]>()
  const rewrites: {path: RegExp; change: (body: Buffer) => Buffer}[] = []
  const seen: ReferrersProxy['seen'] = []
  const sockets = new Set<Socket>()
  let host = ''

  const server: Server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://x')
    const record: ReferrersProxy['seen'][number] = {method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams}
    seen.push(record)
    const route = ROUTE.exec(url.pathname)
    if (api && route?.[2] === 'referrers' && record.method === 'GET') return serveReferrers(route[1]!, route[3]!, url.searchParams, outgoing, record)
    if (api && route?.[2] === 'manifests' && record.method === 'PUT') {
      return collect(incoming, (body) => forward(incoming, outgoing, record, body, route[1]!))
    }
    forward(incoming, outgoing, record)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  function serveReferrers(name: string, digest: string, query: URLSearchParams, outgoing: ServerResponse, record: ReferrersProxy['seen'][number]): void {
    const wanted = query.get('artifactType')
    const all = recorded.get(`${name}@${digest}`) ?? []
    const filter = wanted !== null && !options.ignoreFilter
    const manifests = filter ? all.filter((r) => r.artifactType === wanted) : all
    const body = JSON.stringify({manifests, mediaType: INDEX, schemaVersion: 2})
    record.status = 200
    outgoing.writeHead(200, {'content-length': String(Buffer.byteLength(body)), 'content-type': INDEX, ...(filter ? {'oci-filters-applied': 'artifactType'} : {})}).end(body)
  }

  /** A manifest with a subject, once the registry stored it: recorded, and answered with OCI-Subject. */
  function subjectOf(body: Buffer, contentType: string | undefined): {subject: string; entry: ReferrerEntry} | undefined {
    try {
      const value = JSON.parse(body.toString('utf8')) as {subject?: {digest?: string}; artifactType?: string; config?: {mediaType?: string}; mediaType?: string; annotations?: Record<string, string>}
      if (typeof value.subject?.digest !== 'string') return undefined
      const entry: ReferrerEntry = {
        artifactType: value.artifactType ?? value.config?.mediaType,
        digest: `sha256:${createHash('sha256').update(body).digest('hex')}`,
        mediaType: value.mediaType ?? contentType ?? '',
        size: body.length,
        ...(value.annotations ? {annotations: value.annotations} : {}),
      }
      return {entry, subject: value.subject.digest}
    } catch {
      return undefined
    }
  }

  function forward(incoming: IncomingMessage, outgoing: ServerResponse, record: ReferrersProxy['seen'][number], body?: Buffer, name?: string): void {
    const [hostname, port] = upstream.split(':')
    const headers = {...incoming.headers, host: upstream}
    if (body) headers['content-length'] = String(body.length)
    const out = httpRequest({headers, hostname, method: incoming.method, path: incoming.url, port: Number(port)}, (answer) => {
      record.status = answer.statusCode
      const head: Record<string, string | string[] | undefined> = {...answer.headers}
      if (typeof head.location === 'string') head.location = head.location.replace(`//${upstream}/`, `//${host}/`)
      const referrer = body && name && answer.statusCode === 201 ? subjectOf(body, incoming.headers['content-type']) : undefined
      if (referrer) {
        const key = `${name}@${referrer.subject}`
        const list = recorded.get(key) ?? []
        if (!list.some((r) => r.digest === referrer.entry.digest)) list.push(referrer.entry)
        recorded.set(key, list)
        head['oci-subject'] = referrer.subject
      }
      const rewrite = record.method === 'GET' ? rewrites.find((r) => r.path.test(record.path)) : undefined
      if (!rewrite) {
        outgoing.writeHead(answer.statusCode ?? 502, head)
        return void answer.pipe(outgoing)
      }
      collect(answer, (original) => {
        const changed = rewrite.change(original)
        outgoing.writeHead(answer.statusCode ?? 502, {...head, 'content-length': String(changed.length)}).end(changed)
      })
    })
    out.on('error', (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end(String(error))
      else outgoing.destroy(error)
    })
    if (body) out.end(body)
    else incoming.pipe(out)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `127.0.0.1:${(server.address() as {port: number}).port}`
  let stopped = false
  const stop = (): Promise<void> => {
    if (stopped) return Promise.resolve()
    stopped = true
    clearTimeout(lifetime)
    for (const socket of sockets) socket.destroy()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  }
  const lifetime = setTimeout(() => void stop(), options.lifetimeMs ?? 5 * 60_000)
  lifetime.unref()
  return {host, recorded, rewrite: (path, change) => void rewrites.push({change, path}), seen, stop}
}

function collect(stream: IncomingMessage, done: (body: Buffer) => void): void {
  const parts: Buffer[] = []
  stream.on('data', (chunk: Buffer) => parts.push(chunk))
  stream.on('end', () => done(Buffer.concat(parts)))
}
