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

export function createSession(options: {env?: NodeJS.ProcessEnv; lookup?: CredentialLookup} = {}): Session {
  const env = options.env ?? process.env
  const agent: ConnectionPool = createAgent(env)
  const plain = httpSender(agent)
  const retry = retryPolicyFromEnv(env)
  const send = withAuth(withRetry(plain, retry), options.lookup ?? credentialLookup(env))
  const insecure = insecureRegistries(env)
  const origins = new Map<string, Promise<string>>()

  // Loopback and listed hosts may speak plain HTTP: try TLS first (like Docker), fall back on a protocol mismatch.
  const probe = async (host: string): Promise<string> => {
    if (!isLoopback(host) && !insecure.has(host) && !insecure.has(hostname(host))) return `https://${host}`
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
      let found = origins.get(host)
      if (!found) {
        found = probe(host)
        origins.set(host, found)
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
