/**
 * A fault-injecting HTTP proxy for network tests: it forwards everything to an upstream (the
 * real docker-registry of test/helpers/registry.ts), and for requests matching a rule injects
 * what a broken network or a hostile registry does: a reset (RST) or a clean close (FIN) in the
 * middle of a body, a trickle of one byte every N ms, or an error status (5xx, 429 with
 * Retry-After). Upload locations are rewritten so every request keeps going through the proxy.
 *
 *   const proxy = await startFaultProxy(registry.host)
 *   proxy.rule({method: 'GET', path: /\/blobs\//, times: 1, fault: {kind: 'reset'}})
 *   await aigogo(['pull', `${proxy.host}/team/pkg:1`])
 *   await proxy.stop()
 *
 * Bounded: it stops itself after `lifetimeMs` (a test that forgets stop() leaves no server),
 * and a trickle ends when the client goes away or the proxy stops.
 */
import {createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse} from 'node:http'
import type {Socket} from 'node:net'

export type Fault =
  /** Headers and `afterBytes` of the body (default: half), then a TCP reset. */
  | {kind: 'reset'; afterBytes?: number}
  /** Headers and `afterBytes` of the body (default: half), then a clean close (FIN), short of Content-Length. */
  | {kind: 'fin'; afterBytes?: number}
  /** The full response, one byte every `intervalMs` (after `afterBytes` sent at once, default 0). */
  | {kind: 'trickle'; intervalMs: number; afterBytes?: number}
  /** No answer at all: the request is read, and the connection kept open in silence. */
  | {kind: 'silence'}
  /** Answered by the proxy itself, the upstream never sees the request (500, 503, 429 + Retry-After...). */
  | {kind: 'status'; status: number; body?: string; headers?: Record<string, string>}

export interface FaultRule {
  /** Any method when left out. */
  method?: string
  /** Matched against the path (without the query). */
  path: RegExp
  /** Only requests that declare a Content-Length above this (a proxy's body size limit). */
  minContentLength?: number
  /** Applies to the first `times` matching requests only; every one when left out. */
  times?: number
  fault: Fault
}

export interface Seen {
  method: string
  path: string
  /** The query parameters. */
  query: URLSearchParams
  headers: IncomingMessage['headers']
  /** The fault injected, when one was. */
  fault?: Fault['kind']
  status?: number
}

export interface FaultProxy {
  /** host:port to put in references. */
  host: string
  /** Every request, in order. */
  seen: Seen[]
  /** Adds a rule; rules are tried in the order added, the first with uses left applies. */
  rule(rule: FaultRule): void
  /** Forgets the rules and what was seen. */
  clear(): void
  /** Requests matching method and path, faulted or not. */
  count(method: string, path: RegExp): number
  stop(): Promise<void>
}

interface ActiveRule extends FaultRule {
  used: number
}

export async function startFaultProxy(upstream: string, options: {lifetimeMs?: number} = {}): Promise<FaultProxy> {
  const rules: ActiveRule[] = []
  const seen: Seen[] = []
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<Socket>()
  let host = ''
  let stopped = false

  const pick = (method: string, path: string, length: number): Fault | undefined => {
    const rule = rules.find((r) =>
      (r.method === undefined || r.method === method) &&
      r.path.test(path) &&
      (r.minContentLength === undefined || length > r.minContentLength) &&
      (r.times === undefined || r.used < r.times))
    if (!rule) return undefined
    rule.used++
    return rule.fault
  }

  const server: Server = createServer((incoming, outgoing) => {
    const method = incoming.method ?? 'GET'
    const url = new URL(incoming.url ?? '/', 'http://x')
    const fault = pick(method, url.pathname, Number(incoming.headers['content-length'] ?? 0))
    const record: Seen = {fault: fault?.kind, headers: incoming.headers, method, path: url.pathname, query: url.searchParams}
    seen.push(record)
    if (fault?.kind === 'silence') return void incoming.resume()
    if (fault?.kind === 'status') {
      incoming.resume()
      incoming.once('end', () => {
        record.status = fault.status
        const body = fault.body ?? ''
        outgoing.writeHead(fault.status, {'content-length': String(Buffer.byteLength(body)), ...fault.headers}).end(body)
      })
      return
    }
    forward(incoming, outgoing, record, fault)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  function forward(incoming: IncomingMessage, outgoing: ServerResponse, record: Seen, fault: Exclude<Fault, {kind: 'status' | 'silence'}> | undefined): void {
    const [hostname, port] = upstream.split(':')
    const out = httpRequest({headers: {...incoming.headers, host: upstream}, hostname, method: incoming.method, path: incoming.url, port: Number(port)}, (answer) => {
      record.status = answer.statusCode
      const headers = {...answer.headers}
      if (typeof headers.location === 'string') headers.location = headers.location.replace(`//${upstream}/`, `//${host}/`)
      outgoing.writeHead(answer.statusCode ?? 502, headers)
      if (!fault) return void answer.pipe(outgoing)
      const length = Number(answer.headers['content-length'] ?? 0)
      collect(answer, (body) => inject(fault, body.length > 0 ? body : Buffer.alloc(0), length, outgoing))
    })
    out.on('error', (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end(String(error))
      else outgoing.destroy(error)
    })
    incoming.pipe(out)
  }

  function inject(fault: Exclude<Fault, {kind: 'status' | 'silence'}>, body: Buffer, declared: number, outgoing: ServerResponse): void {
    const socket = outgoing.socket
    const cut = Math.min(body.length, fault.afterBytes ?? (fault.kind === 'trickle' ? 0 : Math.floor((declared || body.length) / 2)))
    if (fault.kind === 'reset') {
      outgoing.write(body.subarray(0, cut), () => socket?.resetAndDestroy())
      return
    }
    if (fault.kind === 'fin') {
      outgoing.write(body.subarray(0, cut), () => socket?.end())
      return
    }
    if (cut > 0) outgoing.write(body.subarray(0, cut))
    let at = cut
    const tick = (): void => {
      if (stopped || outgoing.destroyed) return
      if (at >= body.length) return void outgoing.end()
      outgoing.write(body.subarray(at, at + 1))
      at++
      const timer = setTimeout(() => {
        timers.delete(timer)
        tick()
      }, fault.intervalMs)
      timers.add(timer)
    }
    tick()
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `127.0.0.1:${(server.address() as {port: number}).port}`

  const stop = (): Promise<void> => {
    if (stopped) return Promise.resolve()
    stopped = true
    clearTimeout(lifetime)
    for (const timer of timers) clearTimeout(timer)
    for (const socket of sockets) socket.destroy()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  }
  const lifetime = setTimeout(() => void stop(), options.lifetimeMs ?? 5 * 60_000)
  lifetime.unref()

  return {
    clear: () => {
      rules.splice(0)
      seen.splice(0)
    },
    count: (method, path) => seen.filter((s) => s.method === method && path.test(s.path)).length,
    host,
    rule: (rule) => void rules.push({...rule, used: 0}),
    seen,
    stop,
  }
}

function collect(stream: IncomingMessage, done: (body: Buffer) => void): void {
  const parts: Buffer[] = []
  stream.on('data', (chunk: Buffer) => parts.push(chunk))
  stream.on('end', () => done(Buffer.concat(parts)))
}
