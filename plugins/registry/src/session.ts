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
  const send = withAuth(withRetry(plain, retry), options.lookup ?? credentialLookup(env))
  const insecure = insecureRegistries(env)
  const insecureKey = [...insecure].sort().join(',')

  // A registry on this machine is asked in plain HTTP first: TLS protects nothing on loopback (whoever
  // can read or answer it there is not stopped by a certificate check that falls back to plain HTTP
  // anyway), and a plain registry then never loads TLS. An answer other than 400 (which is how a
  // TLS server answers plain HTTP: "Client sent an HTTP request to an HTTPS server"), is a plain registry.
  const plainAnswers = async (host: string): Promise<boolean> => {
    try {
      const response = await plain({method: 'GET', url: new URL(`http://${host}/v2/`)})
      await response.body.dump()
      return response.status !== 400
    } catch (error) {
      // A TLS server may also close or send a TLS alert (not HTTP); nobody listening is the answer for both schemes.
      if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(`${(error as {code?: string}).code ?? ''}`)) throw networkError(error, host)
      return false
    }
  }

  // Listed hosts may speak plain HTTP: try TLS first (like Docker), fall back on a protocol mismatch.
  const probe = async (host: string): Promise<string> => {
    const loopback = isLoopback(host)
    if (!loopback && !insecure.has(host) && !insecure.has(hostname(host))) return `https://${host}`
    if (loopback && (await plainAnswers(host))) return `http://${host}`
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

  return {
    retry,
    async close() {
      agent.close()
    },
    origin(host) {
      const key = `${host} ${insecureKey}`
      let found = probedOrigins.get(key)
      if (!found) {
        found = probe(host)
        // A probe that failed (registry down) is not kept: the next session asks again.
        found.catch(() => probedOrigins.delete(key))
        probedOrigins.set(key, found)
      }
      return found
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
