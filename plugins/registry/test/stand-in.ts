/**
 * A scripted registry stand-in (a node http server) for faults a real registry will not produce
 * on demand: 500s, 429 with Retry-After, a connection reset mid-blob, redirects, huge manifests.
 * Each route answers from a queue of behaviours; the last one repeats.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'

export type Behaviour = (request: IncomingMessage, response: ServerResponse) => void

export interface StandIn {
  host: string
  hits: Map<string, number>
  headers: Map<string, IncomingMessage['headers'][]>
  route(method: string, path: string, ...behaviours: Behaviour[]): void
  stop(): Promise<void>
}

export async function startStandIn(): Promise<StandIn> {
  const routes = new Map<string, Behaviour[]>()
  const hits = new Map<string, number>()
  const headers = new Map<string, IncomingMessage['headers'][]>()
  const server: Server = createServer((request, response) => {
    const key = `${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`
    const count = hits.get(key) ?? 0
    hits.set(key, count + 1)
    headers.set(key, [...(headers.get(key) ?? []), request.headers])
    const queue = routes.get(key)
    if (!queue) {
      if (key === 'GET /v2/') return void response.writeHead(200).end('{}')
      return void response.writeHead(404, {'content-type': 'application/json'}).end('{"errors":[{"code":"NOT_FOUND","message":"no route"}]}')
    }
    queue[Math.min(count, queue.length - 1)]!(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  return {
    headers,
    hits,
    host: `127.0.0.1:${port}`,
    route(method, path, ...behaviours) {
      routes.set(`${method} ${path}`, behaviours)
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

export const send = (status: number, body: Buffer | string = '', head: Record<string, string> = {}): Behaviour => (_request, response) => {
  response.writeHead(status, {'content-length': String(Buffer.byteLength(body)), ...head}).end(body)
}

/** Sends the headers and half the body, then drops the connection. */
export const resetMidway = (body: Buffer): Behaviour => (_request, response) => {
  response.writeHead(200, {'content-length': String(body.length)})
  response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.socket?.destroy())
}
