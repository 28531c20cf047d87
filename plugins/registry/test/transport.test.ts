/**
 * The HTTP transport (src/transport/node-http.ts) against a real node:http server on 127.0.0.1:
 * what the registry code relies on from it. Repeated headers (WWW-Authenticate challenges, Link)
 * stay separate values; a registry that never answers, or stops in the middle of a body, fails
 * with a coded, retryable error; dump() lets a small body's connection be reused and closes a
 * large one's; a streamed request body arrives whole.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {Readable} from 'node:stream'
import {afterEach, describe, expect, it} from 'vitest'

import {networkError, transferError} from '../src/errcode.js'
import {isRetryableError} from '../src/retry.js'
import {ConnectionPool, sendRequest} from '../src/transport/node-http.js'

let server: Server | undefined
let pool: ConnectionPool | undefined

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<URL> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
}

function newPool(timeouts: {readMs?: number; idleMs?: number} = {}): ConnectionPool {
  pool = new ConnectionPool({connectMs: 5000, connections: 2, idleMs: timeouts.idleMs ?? 5000, readMs: timeouts.readMs ?? 5000})
  return pool
}

async function drain(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(chunk)
  return Buffer.concat(chunks)
}

afterEach(async () => {
  pool?.close()
  pool = undefined
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

describe('the HTTP transport', () => {
  it('gives a repeated header as its separate values and a single one as a string', async () => {
    const url = await serve((_request, response) => {
      response.setHeader('www-authenticate', ['Basic realm="a"', 'Bearer realm="https://auth.example/token",service="r"'])
      response.setHeader('link', ['</v2/_catalog?n=1&last=a>; rel="next"', '</v2/_catalog?n=1&last=b>; rel="next"'])
      response.setHeader('docker-content-digest', 'sha256:abc')
      response.statusCode = 401
      response.end()
    })
    const response = await sendRequest(newPool(), url, 'GET', {}, undefined)
    expect(response.status).toBe(401)
    expect(response.headers['www-authenticate']).toEqual(['Basic realm="a"', 'Bearer realm="https://auth.example/token",service="r"'])
    expect(response.headers.link).toEqual(['</v2/_catalog?n=1&last=a>; rel="next"', '</v2/_catalog?n=1&last=b>; rel="next"'])
    expect(response.headers['docker-content-digest']).toBe('sha256:abc')
    await response.body.dump()
  })

  it('fails a request the server never answers with a retryable headers timeout, reported as a stall', async () => {
    const url = await serve(() => {})
    const error = await sendRequest(newPool({readMs: 300}), url, 'GET', {}, undefined).catch((error_: unknown) => error_)
    expect(error).toMatchObject({code: 'AIGOGO_HEADERS_TIMEOUT'})
    expect(isRetryableError(error)).toBe(true)
    expect(networkError(error, url.host)).toMatchObject({code: 'REGISTRY_STALLED'})
  })

  it('fails a body that goes silent half-way with a retryable body timeout', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, {'content-length': '1000'})
      response.write(Buffer.alloc(100, 1))
    })
    const response = await sendRequest(newPool({idleMs: 300}), url, 'GET', {}, undefined)
    const error = await drain(response.body).catch((error_: unknown) => error_)
    expect(error).toMatchObject({code: 'AIGOGO_BODY_TIMEOUT'})
    expect(isRetryableError(error)).toBe(true)
    expect(transferError(error, url.host, 'download')).toMatchObject({code: 'REGISTRY_STALLED'})
  })

  it('a body cut by the server fails with a retryable error, not a short success', async () => {
    const url = await serve((request, response) => {
      response.writeHead(200, {'content-length': '1000'})
      response.write(Buffer.alloc(100, 1), () => request.socket.destroy())
    })
    const response = await sendRequest(newPool(), url, 'GET', {}, undefined)
    const error = await drain(response.body).catch((error_: unknown) => error_)
    expect(error).toBeInstanceOf(Error)
    expect(isRetryableError(error)).toBe(true)
  })

  it('reuses the connection after dump() of a small body, and closes it after dump() of a large one', async () => {
    const ports: number[] = []
    const url = await serve((request, response) => {
      ports.push(request.socket.remotePort!)
      response.end(Buffer.alloc(request.url === '/large' ? 4 << 20 : 100, 1))
    })
    const connections = newPool()
    await (await sendRequest(connections, url, 'GET', {}, undefined)).body.dump()
    await (await sendRequest(connections, url, 'GET', {}, undefined)).body.dump()
    expect(ports[1]).toBe(ports[0])
    await (await sendRequest(connections, new URL('/large', url), 'GET', {}, undefined)).body.dump()
    await (await sendRequest(connections, url, 'GET', {}, undefined)).body.dump()
    expect(ports[2]).toBe(ports[0])
    expect(ports[3]).not.toBe(ports[0])
  })

  it('sends a streamed body whole, with the length it was given', async () => {
    const received: {length?: string; bytes?: number} = {}
    const url = await serve((request, response) => {
      received.length = request.headers['content-length']
      void drain(request).then((bytes) => {
        received.bytes = bytes.length
        response.writeHead(202).end()
      })
    })
    const parts = Array.from({length: 40}, () => Buffer.alloc(64 * 1024, 7))
    const response = await sendRequest(newPool(), url, 'PATCH', {'content-length': String(40 * 64 * 1024)}, Readable.from(parts))
    expect(response.status).toBe(202)
    await response.body.dump()
    expect(received).toEqual({bytes: 40 * 64 * 1024, length: String(40 * 64 * 1024)})
  })
})
