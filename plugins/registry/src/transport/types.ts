/**
 * The plain HTTP contract every transport layer implements. Layers (redirects, retry, auth)
 * wrap a Send and return a Send, so push and pull never see how a request got through.
 */
import type {Readable} from 'node:stream'

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: URL
  headers?: Record<string, string>
  /** Bytes, or a factory that opens the body afresh so a retry or auth round can replay it. */
  body?: Uint8Array | string | (() => Readable)
  /** Auth scopes this request needs ("repository:team/pkg:pull"); the auth layer asks for them. */
  scopes?: readonly string[]
}

/** A response body: a stream of Buffers, and dump() to discard the rest of it. */
export interface ResponseBody extends Readable {
  /** Reads and discards what is left (a large remainder closes the connection instead). */
  dump(): Promise<void>
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: ResponseBody
  /** Where the response finally came from, after redirects. */
  url: URL
}

export type Send = (request: HttpRequest) => Promise<HttpResponse>

export function header(response: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function headerList(response: HttpResponse, name: string): string[] {
  const value = response.headers[name]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

export function openBody(body: HttpRequest['body']): Uint8Array | string | Readable | undefined {
  return typeof body === 'function' ? body() : body
}
