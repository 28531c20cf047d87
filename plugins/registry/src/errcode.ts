/**
 * Turns registry error responses ({"errors":[{"code","message"}]}) and network failures into
 * coded AigogoErrors with a "What to do" list.
 */
import {AigogoError, dataError, messageOf, preconditionError} from '@aigogo/sdk/core'

import {CHUNK_SIZE} from './constants.js'
import {readLimited} from './transport/body.js'
import type {HttpResponse} from './transport/types.js'

/** The registry's own error (code and message) from an error body, when it sent one. */
async function registryMessage(response: HttpResponse): Promise<{code?: string; text: string}> {
  if (response.body.readableEnded) return {text: ''}
  try {
    const text = (await readLimited(response, 'error response', 64 * 1024)).toString('utf8')
    const parsed = JSON.parse(text) as {errors?: {code?: string; message?: string}[]}
    const first = parsed.errors?.[0]
    if (first) return {code: first.code, text: `${first.code ?? 'ERROR'}: ${first.message ?? ''}`.trim()}
    return {text: text.slice(0, 200)}
  } catch {
    return {text: ''}
  }
}

/** An unexpected response, as a coded error. `what` says what we were doing ("fetch manifest team/x:1"). */
export async function responseError(response: HttpResponse, what: string, registry: string): Promise<AigogoError> {
  const detail = await registryMessage(response)
  const said = detail.text ? ` (${detail.text})` : ''
  const details = {registry, status: response.status, ...(detail.code ? {registryCode: detail.code} : {})}
  switch (response.status) {
    case 401: {
      return preconditionError('REGISTRY_UNAUTHORIZED', `${registry} refused to ${what}: not logged in or the login is wrong${said}`, [
        `log in: aigogo login ${registry}`,
      ], details)
    }
    case 403: {
      return preconditionError('REGISTRY_DENIED', `${registry} does not allow you to ${what}${said}`, [
        'ask the registry owner for access, or log in as another user',
      ], details)
    }
    case 404: {
      return preconditionError('REGISTRY_NOT_FOUND', `cannot ${what}: not found on ${registry}${said}`, [
        'check the name and tag: aigogo tags <registry>/<repository>',
      ], details)
    }
    case 405: {
      return preconditionError('REGISTRY_UNSUPPORTED', `${registry} does not support this operation (${what})${said}`, [
        'a Distribution registry needs storage.delete.enabled: true in its config to delete',
      ], details)
    }
    case 413: {
      return dataError('REGISTRY_TOO_LARGE', `${registry} (or a proxy in front of it) refused a body this large when asked to ${what}${said}`, [
        `raise the body size limit of the registry's proxy (blobs over ${CHUNK_SIZE / 2 ** 20} MiB are sent again in chunks of that size)`,
      ], details)
    }
    default: {
      return dataError('REGISTRY_ERROR', `${registry} answered HTTP ${response.status} when asked to ${what}${said}`, [
        'try again later; aigogo already retried server errors',
      ], details)
    }
  }
}

/** Waits that ran out: the registry accepted the connection, then sent nothing (or a trickle). */
const STALL_CODES = new Set(['AIGOGO_STALLED', 'AIGOGO_HEADERS_TIMEOUT', 'AIGOGO_BODY_TIMEOUT'])

function codeOf(error: unknown): string | undefined {
  return (error as {code?: string}).code ?? ((error as {cause?: {code?: string}}).cause)?.code
}

export function networkError(error: unknown, registry: string): AigogoError {
  if (AigogoError.is(error)) return error
  const code = codeOf(error)
  if (STALL_CODES.has(code ?? '')) return transferError(error, registry, 'reach it')
  const certificate = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code ?? '') || /certificate/i.test(messageOf(error))
  if (certificate) {
    return preconditionError('REGISTRY_TLS_UNTRUSTED', `the TLS certificate of ${registry} is not trusted: ${messageOf(error)}`, [
      "point AIGOGO_CA_FILE (or NODE_EXTRA_CA_CERTS) at the PEM file of the registry's CA",
    ], {registry})
  }
  return preconditionError('REGISTRY_UNREACHABLE', `cannot reach ${registry}: ${code ? `${code} ` : ''}${messageOf(error)}`, [
    'check the registry host and port, and that it is running',
    'plain HTTP is used only for localhost and registries listed in AIGOGO_INSECURE_REGISTRIES',
  ], {registry})
}

/**
 * A body transfer that failed after the retry budget: the connection kept dropping, ending
 * short, or stalling (transport/stall.ts). `tries` counts every attempt.
 */
export function transferError(error: unknown, registry: string, what: string, tries?: number): AigogoError {
  if (AigogoError.is(error)) return error
  const code = codeOf(error)
  const times = tries === undefined ? 'after retries' : tries === 1 ? 'once' : `${tries} times`
  const retries = 'raise the number of attempts with AIGOGO_REGISTRY_RETRIES (default 4)'
  if (STALL_CODES.has(code ?? '')) {
    return preconditionError('REGISTRY_STALLED', `${registry} stalled while we tried to ${what} (${times}): ${messageOf(error)}`, [
      'try again later; the registry or a proxy in front of it is not sending data',
      `on a very slow link, raise the idle timeout: AIGOGO_IDLE_TIMEOUT_MS=<ms> (default 30000); ${retries}`,
    ], {registry, tries})
  }
  return preconditionError('REGISTRY_CONNECTION_DROPPED', `the connection to ${registry} dropped while we tried to ${what} (${times}): ${code ? `${code} ` : ''}${messageOf(error)}`, [
    'try again; check the network, and any proxy between you and the registry',
    retries,
  ], {registry, tries})
}
