/**
 * The innermost layer: one request (transport/node-http.ts), with redirects followed by hand so
 * credentials never travel to another origin (a blob redirect to S3 must not carry our token).
 */
import {dataError} from '@aigogo/sdk/core'
import {type ConnectionPool, sendRequest} from './node-http.js'

import {Header, SENSITIVE_HEADERS, USER_AGENT} from '../constants.js'
import {header, type HttpRequest, type HttpResponse, openBody, type Send} from './types.js'

const MAX_REDIRECTS = 5
const REDIRECTS = new Set([301, 302, 303, 307, 308])

export function httpSender(pool: ConnectionPool): Send {
  return async (initial: HttpRequest): Promise<HttpResponse> => {
    let current: HttpRequest = {...initial, headers: {[Header.userAgent]: USER_AGENT, ...initial.headers}}
    for (let hop = 0; ; hop++) {
      const response = await sendRequest(pool, current.url, current.method, current.headers ?? {}, openBody(current.body))
      const result: HttpResponse = {...response, url: current.url}
      const location = header(result, Header.location)
      if (!REDIRECTS.has(result.status) || !location || current.method === 'POST' || current.method === 'PATCH' || current.method === 'PUT') return result
      await response.body.dump()
      if (hop >= MAX_REDIRECTS) {
        throw dataError('REGISTRY_REDIRECT_LOOP', `the registry redirected more than ${MAX_REDIRECTS} times for ${initial.url.pathname}`)
      }
      current = redirected(current, new URL(location, current.url), result.status)
    }
  }
}

export function redirected(from: HttpRequest, to: URL, status: number): HttpRequest {
  const headers = {...from.headers}
  if (to.origin !== from.url.origin) for (const name of SENSITIVE_HEADERS) delete headers[name]
  const method = status === 303 && from.method !== 'HEAD' ? 'GET' : from.method
  return {...from, body: method === from.method ? from.body : undefined, headers, url: to}
}
