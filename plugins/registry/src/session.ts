/**
 * One command's connection to registries: a single connection pool wrapped once by redirects,
 * retry and auth, plus the scheme (https, or http for loopback/insecure hosts) of each host.
 */
import {AigogoError} from '@aigogo/sdk/core'

import {withAuth} from './auth/client.js'
import {credentialLookup, type CredentialLookup} from './credentials/index.js'
import {networkError} from './errcode.js'
import {hostname, isLoopback} from './reference.js'
import {type RetryPolicy, retryPolicyFromEnv, withRetry} from './retry.js'
import {createAgent} from './transport/agent.js'
import type {ConnectionPool} from './transport/node-http.js'
import {httpSender} from './transport/http.js'
import type {HttpRequest, HttpResponse, Send} from './transport/types.js'

export interface Session {
  /** Sends with auth and retry; network failures become coded errors. */
  send: Send
  /** https://host or http://host. */
  origin(host: string): Promise<string>
  close(): Promise<void>
  /** The retry budget, for transfers retried whole (a body that failed mid-way). */
  retry: RetryPolicy
}

export function insecureRegistries(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set((env.AIGOGO_INSECURE_REGISTRIES ?? '').split(/[\s,]+/).filter(Boolean))
}

const TLS_MISMATCH = /EPROTO|WRONG_VERSION_NUMBER|ECONNRESET|HPE_/

/** The request addressed to origin (`https://host`) instead of the scheme it was built with. */
function onOrigin(request: HttpRequest, origin: string): HttpRequest {
  if (request.url.origin === origin) return request
  const url = new URL(request.url)
  url.protocol = new URL(origin).protocol
  return {...request, url}
}

/**
 * What each probed host answered, for the whole process: a command often opens more than one
 * session (info resolves the manifest in its own, then the trust provider lists signatures through
 * the referrers capability in another), and the second probe was one more failed TLS handshake.
 * Keyed by the host and the insecure list, so a session with another list probes again.
 */
const probedOrigins = new Map<string, Promise<string>>()

export function createSession(options: {env?: NodeJS.ProcessEnv; lookup?: CredentialLookup} = {}): Session {
  const env = options.env ?? process.env
  const agent: ConnectionPool = createAgent(env)
  const plain = httpSender(agent)
  const retry = retryPolicyFromEnv(env)
  const insecure = insecureRegistries(env)
  const insecureKey = [...insecure].sort().join(',')

  // A registry on this machine is asked in plain HTTP first: TLS protects nothing on loopback (whoever
  // can read or answer it there is not stopped by a certificate check that falls back to plain HTTP
  // anyway), and a plain registry then never loads TLS. Any HTTP answer but 400 (which is how a TLS
  // server answers plain HTTP: "Client sent an HTTP request to an HTTPS server") is a plain
  // registry's; undefined: the host may speak TLS.
  const plainAnswer = async (request: HttpRequest): Promise<HttpResponse | undefined> => {
    try {
      const response = await plain(request)
      if (response.status !== 400) return response
      await response.body.dump()
      return undefined
    } catch (error) {
      // A TLS server may also close or send a TLS alert (not HTTP); nobody listening is the answer for both schemes.
      const code = `${(error as {code?: string}).code ?? ''}`
      if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(code)) throw networkError(error, request.url.host)
      if (TLS_MISMATCH.test(`${code} ${(error as Error).message ?? ''}`)) return undefined
      // A timeout or a stall says nothing about the scheme: the request failed, and the next one asks again.
      throw error
    }
  }

  const tlsProbe = async (host: string): Promise<string> => {
    try {
      const response = await plain({method: 'GET', url: new URL(`https://${host}/v2/`)})
      await response.body.dump()
      return `https://${host}`
    } catch (error) {
      const code = `${(error as {code?: string}).code ?? ''} ${(error as Error).message ?? ''}`
      if (TLS_MISMATCH.test(code)) return `http://${host}`
      throw networkError(error, host)
    }
  }

  // Listed hosts may speak plain HTTP: try TLS first (like Docker), fall back on a protocol mismatch.
  const probe = async (host: string): Promise<string> => {
    const loopback = isLoopback(host)
    if (!loopback && !insecure.has(host) && !insecure.has(hostname(host))) return `https://${host}`
    if (loopback) {
      const answer = await plainAnswer({method: 'GET', url: new URL(`http://${host}/v2/`)})
      if (answer) {
        await answer.body.dump()
        return `http://${host}`
      }
    }
    return tlsProbe(host)
  }

  const keyOf = (host: string): string => `${host} ${insecureKey}`

  /** Keeps a host's answer for the process; a probe that failed (registry down) is not kept: the next request asks again. */
  const remember = (host: string, found: Promise<string>): Promise<string> => {
    const key = keyOf(host)
    found.catch(() => probedOrigins.delete(key))
    probedOrigins.set(key, found)
    return found
  }

  /**
   * Requests to a registry on this machine are addressed in plain HTTP (origin()) until its scheme
   * is known. The first GET or HEAD sent there is its own probe: a plain registry's answer is the
   * answer (one request where a probe of /v2/ made two), and only a registry that does not answer
   * plain HTTP costs the TLS probe and the request again, over https. This sits under the retry
   * and auth layers, so a 401, a 429 or a 5xx is handled there like any other answer.
   */
  const toLoopback: Send = async (request) => {
    const host = request.url.host
    const known = probedOrigins.get(keyOf(host))
    if (known) return plain(onOrigin(request, await known))
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.body !== undefined) return plain(onOrigin(request, await remember(host, probe(host))))
    let answer: HttpResponse | undefined
    const scheme = await remember(host, (async () => {
      answer = await plainAnswer(request)
      return answer ? `http://${host}` : tlsProbe(host)
    })())
    return answer ?? plain(onOrigin(request, scheme))
  }
  const routed: Send = (request) => (request.url.protocol === 'http:' && isLoopback(request.url.host) ? toLoopback(request) : plain(request))
  const send = withAuth(withRetry(routed, retry), options.lookup ?? credentialLookup(env))

  return {
    retry,
    async close() {
      agent.close()
    },
    origin(host) {
      const found = probedOrigins.get(keyOf(host))
      if (found) return found
      // Decided by the first request sent there (toLoopback), not by a probe of its own.
      if (isLoopback(host)) return Promise.resolve(`http://${host}`)
      return remember(host, probe(host))
    },
    async send(request: HttpRequest): Promise<HttpResponse> {
      try {
        return await send(request)
      } catch (error) {
        if (AigogoError.is(error)) throw error
        throw networkError(error, request.url.host)
      }
    },
  }
}
