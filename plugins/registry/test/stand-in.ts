/**
 * A scripted registry stand-in (a node http server) for answers a real registry will not give:
 * tampered or oversized blobs, huge manifests, redirects to another origin, hand-made indexes.
 * Network faults in front of the real registry (RST, FIN, trickle, 5xx, 429) are
 * test/helpers/fault-proxy.ts.
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
