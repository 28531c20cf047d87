/**
 * Stalled transfers. A registry (or a proxy) that stops sending, or sends one byte every few
 * seconds, would keep a pull waiting for as long as it likes: the body timeout (node-http.ts) only catches
 * silence. A body is stalled when a whole window brings fewer than STALL_MIN_BYTES; the body is
 * then destroyed with a retryable StalledError, and after the retry budget the command fails
 * with REGISTRY_STALLED.
 */
import type {Readable} from 'node:stream'

/** The least a window must bring: far below any working link, far above a trickle. */
export const STALL_MIN_BYTES = 1024
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000

export const STALLED = 'AIGOGO_STALLED'

export class StalledError extends Error {
  readonly code = STALLED
  constructor(readonly windowMs: number) {
    super(`fewer than ${STALL_MIN_BYTES} bytes arrived in ${windowMs / 1000} s`)
  }
}

/** AIGOGO_IDLE_TIMEOUT_MS (AIGOGO_READ_TIMEOUT_MS before it), else 30 s. */
export function idleTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  for (const name of ['AIGOGO_IDLE_TIMEOUT_MS', 'AIGOGO_READ_TIMEOUT_MS']) {
    const value = Number(env[name])
    if (Number.isFinite(value) && value > 0) return value
  }
  return DEFAULT_IDLE_TIMEOUT_MS
}

/** The body's chunks, as long as every window of `windowMs` brings STALL_MIN_BYTES or the end. */
export async function* watchBody(body: Readable | AsyncIterable<Buffer>, windowMs: number): AsyncGenerator<Buffer> {
  let received = 0
  const timer = setInterval(() => {
    if (received < STALL_MIN_BYTES && 'destroy' in body) body.destroy(new StalledError(windowMs))
    received = 0
  }, windowMs)
  try {
    for await (const chunk of body) {
      received += (chunk as Buffer).length
      yield chunk as Buffer
    }
  } finally {
    clearInterval(timer)
  }
}
