/**
 * One HTTP request through node's own client (node:http, node:https), with the timeouts the
 * registry code relies on. It replaced undici: a registry command sends a handful of small
 * requests and streams one body, and undici took a bare node process from 41 to 55 MB to load and
 * make one request (its llhttp compiled to WebAssembly, ~320 KB of JavaScript), node's client,
 * whose parser is built in, from 41 to 43 MB. A 100 MB pull peaks ~4 MB lower and uses ~0.1 s
 * less CPU (docs/PERFORMANCE.md, "Memory").
 *
 * Timeouts, as undici had them (transport/agent.ts reads them from the environment):
 * - connect: the TCP connection (and TLS handshake) must be up within connectMs;
 * - headers: once sending starts, the socket may be silent at most readMs until the response
 *   headers arrive; a request body still being sent is activity, so this is also the idle
 *   timeout of an upload;
 * - body: once the headers are in, the socket may be silent at most idleMs (transport/stall.ts
 *   also catches a trickle).
 * Each fails the request or its body with a coded, retryable error (retry.ts, errcode.ts).
 */
import {Agent as HttpAgent, type IncomingMessage, request as httpRequest, type RequestOptions} from 'node:http'
import type {Agent as HttpsAgent} from 'node:https'
import type {Socket} from 'node:net'
import type {Readable} from 'node:stream'

import type {ResponseBody} from './types.js'

export const CONNECT_TIMEOUT = 'AIGOGO_CONNECT_TIMEOUT'
export const HEADERS_TIMEOUT = 'AIGOGO_HEADERS_TIMEOUT'
export const BODY_TIMEOUT = 'AIGOGO_BODY_TIMEOUT'

/** A response body larger than this is not read to the end by dump(): the connection is closed instead. */
const DUMP_LIMIT = 128 * 1024

export class TimeoutError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface ConnectionOptions {
  connectMs: number
  readMs: number
  idleMs: number
  /** Connections kept per origin. */
  connections: number
  /** CA certificates replacing node's default trust (undefined: node's default). */
  ca?: string[]
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: ResponseBody
}

/**
 * node:https (and with it node:tls and OpenSSL's default context) loaded on the first https:
 * request: a plain-HTTP registry on this machine never needs it (10-20 ms of a command's start).
 */
const https = (): typeof import('node:https') => process.getBuiltinModule('node:https')

/** Keep-alive connections for http: and https: origins, made on first use. */
export class ConnectionPool {
  private http: HttpAgent | undefined
  private https: HttpsAgent | undefined

  constructor(readonly options: ConnectionOptions) {}

  agentFor(url: URL): HttpAgent {
    if (url.protocol === 'http:') return (this.http ??= new HttpAgent({keepAlive: true, maxSockets: this.options.connections}))
    return (this.https ??= new (https().Agent)({keepAlive: true, maxSockets: this.options.connections, ...(this.options.ca ? {ca: this.options.ca} : {})}))
  }

  /** Closes every connection; bodies still being read fail. */
  close(): void {
    this.http?.destroy()
    this.https?.destroy()
  }
}

/** The headers as undici gave them: a repeated header as an array, any other as a string. */
function headersOf(response: IncomingMessage): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {}
  for (const [name, values] of Object.entries(response.headersDistinct)) {
    if (values) out[name] = values.length === 1 ? values[0] : values
  }
  return out
}

/** Reads what is left of a body (a small one) and lets the connection be reused; closes it for a large one. */
function dumpOf(body: IncomingMessage): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (body.readableEnded || body.destroyed) return resolve()
      let read = 0
      body.on('data', (chunk: Buffer) => {
        read += chunk.length
        if (read > DUMP_LIMIT) body.destroy()
      })
      body.once('end', () => resolve())
      body.once('close', () => resolve())
      body.once('error', () => resolve())
      body.resume()
    })
}

/**
 * Sends one request and resolves with the response once its headers are in. `body` is sent as
 * given (bytes, a string, or a stream piped in); a stream that fails fails the request.
 */
export function sendRequest(pool: ConnectionPool, url: URL, method: string, headers: Record<string, string>, body: Uint8Array | string | Readable | undefined): Promise<RawResponse> {
  const {connectMs, readMs, idleMs} = pool.options
  const send = url.protocol === 'http:' ? httpRequest : https().request
  return new Promise<RawResponse>((resolve, reject) => {
    let answered = false
    const options: RequestOptions = {agent: pool.agentFor(url), headers, method}
    const request = send(url, options)
    const fail = (error: Error): void => {
      if (typeof body === 'object' && body !== null && 'destroy' in body) (body as Readable).destroy()
      if (!answered) reject(error)
    }
    request.on('error', fail)
    request.on('socket', (socket: Socket) => {
      if (!socket.connecting) return
      const timer = setTimeout(() => request.destroy(new TimeoutError(CONNECT_TIMEOUT, `could not connect to ${url.host} within ${connectMs / 1000} s`)), connectMs)
      const connected = (): void => clearTimeout(timer)
      socket.once(url.protocol === 'http:' ? 'connect' : 'secureConnect', connected)
      socket.once('close', connected)
    })
    let received: IncomingMessage | undefined
    // Socket silence (writes are activity) until the headers arrive fails the request; after
    // that, silence fails the body, which its reader sees.
    request.setTimeout(readMs)
    request.on('timeout', () => {
      if (received) received.destroy(new TimeoutError(BODY_TIMEOUT, `${url.host} sent nothing for ${idleMs / 1000} s`))
      else request.destroy(new TimeoutError(HEADERS_TIMEOUT, `${url.host} sent no response within ${readMs / 1000} s`))
    })
    request.on('response', (response: IncomingMessage) => {
      answered = true
      received = response
      request.setTimeout(idleMs)
      const responseBody: ResponseBody = Object.assign(response, {dump: dumpOf(response)})
      resolve({body: responseBody, headers: headersOf(response), status: response.statusCode ?? 0})
    })
    if (body === undefined) request.end()
    else if (typeof body === 'string' || body instanceof Uint8Array) request.end(body)
    else {
      body.once('error', (error) => request.destroy(error))
      body.pipe(request)
    }
  })
}
