/**
 * Retries with exponential backoff on 429, 5xx and dropped connections, honouring Retry-After
 * (capped, so a registry cannot park us for minutes). Wraps a Send once, below auth.
 */
import {setTimeout as sleep} from 'node:timers/promises'

import {Header} from './constants.js'
import {transferError} from './errcode.js'
import {header, type HttpResponse, type Send} from './transport/types.js'

export interface RetryPolicy {
  retries: number
  minDelayMs: number
  maxDelayMs: number
}

export function retryPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const retries = Number(env.AIGOGO_REGISTRY_RETRIES)
  const maxDelay = Number(env.AIGOGO_RETRY_MAX_DELAY_MS)
  return {
    maxDelayMs: Number.isFinite(maxDelay) && maxDelay >= 0 ? maxDelay : 3000,
    minDelayMs: 200,
    retries: Number.isInteger(retries) && retries >= 0 ? retries : 4,
  }
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504])
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  // transport/node-http.ts: no connection, no answer, a body gone silent.
  'AIGOGO_CONNECT_TIMEOUT',
  'AIGOGO_HEADERS_TIMEOUT',
  'AIGOGO_BODY_TIMEOUT',
  // A body that stopped coming (transport/stall.ts) or ended short (blob-verifier.ts).
  'AIGOGO_STALLED',
  'AIGOGO_TRUNCATED',
])

export function isRetryableError(error: unknown): boolean {
  const code = (error as {code?: string} | undefined)?.code
  const causeCode = ((error as {cause?: {code?: string}} | undefined)?.cause)?.code
  return RETRYABLE_CODES.has(code ?? '') || RETRYABLE_CODES.has(causeCode ?? '')
}

/** Delay before attempt n+1 (n from 0): Retry-After when given, else 200ms·2ⁿ with 10% jitter. */
export function backoff(policy: RetryPolicy, attempt: number, response?: HttpResponse): number {
  const retryAfter = response ? parseRetryAfter(header(response, Header.retryAfter)) : undefined
  const base = retryAfter ?? policy.minDelayMs * 2 ** attempt * (1 + Math.random() * 0.1)
  return Math.min(base, policy.maxDelayMs)
}

export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

export function withRetry(send: Send, policy: RetryPolicy): Send {
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse
      try {
        response = await send(request)
      } catch (error) {
        if (attempt >= policy.retries || !isRetryableError(error)) throw error
        await sleep(backoff(policy, attempt))
        continue
      }
      if (!RETRYABLE_STATUS.has(response.status) || attempt >= policy.retries) return response
      await response.body.dump()
      await sleep(backoff(policy, attempt, response))
    }
  }
}

/**
 * Runs a whole transfer (request and body) again when its body fails the way a dropped or
 * stalled connection does; the retry layer above only sees response headers. After the budget,
 * a coded error (REGISTRY_CONNECTION_DROPPED / REGISTRY_STALLED).
 */
export async function retryTransfer<T>(policy: RetryPolicy, registry: string, what: string, transfer: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transfer()
    } catch (error) {
      if (!isRetryableError(error)) throw error
      if (attempt >= policy.retries) throw transferError(error, registry, what, attempt + 1)
      await sleep(backoff(policy, attempt))
    }
  }
}
