/**
 * Bearer tokens from the registry's token server (Docker token auth and OAuth2 refresh tokens).
 */
import {dataError, preconditionError} from '@aigogo/sdk/core'

import {Header} from '../constants.js'
import type {Credential} from '../credentials/types.js'
import {encodeBasic} from '../credentials/types.js'
import {readLimitedJson} from '../transport/body.js'
import type {Send} from '../transport/types.js'
import type {Challenge} from './challenge.js'

export async function fetchToken(send: Send, challenge: Challenge, scopes: readonly string[], credential: Credential | undefined, registry: string): Promise<string> {
  const realm = challenge.params.realm
  if (!realm) throw dataError('REGISTRY_AUTH_INVALID', `${registry} asked for a bearer token but named no token server (realm)`)
  const url = new URL(realm)
  const service = challenge.params.service
  let response
  if (credential?.identityToken) {
    const form = new URLSearchParams({client_id: 'aigogo', grant_type: 'refresh_token', refresh_token: credential.identityToken})
    if (service) form.set('service', service)
    if (scopes.length > 0) form.set('scope', scopes.join(' '))
    response = await send({body: form.toString(), headers: {[Header.contentType]: 'application/x-www-form-urlencoded'}, method: 'POST', url})
  } else {
    if (service) url.searchParams.set('service', service)
    for (const scope of scopes) url.searchParams.append('scope', scope)
    const headers: Record<string, string> = credential ? {[Header.authorization]: `Basic ${encodeBasic(credential)}`} : {}
    response = await send({headers, method: 'GET', url})
  }
  if (response.status === 401 || response.status === 403) {
    await response.body.dump()
    throw preconditionError('REGISTRY_AUTH_FAILED', `the token server of ${registry} refused ${credential ? 'the stored login' : 'anonymous access'} (HTTP ${response.status})`, [
      credential ? `log in again: aigogo login ${registry}` : `log in first: aigogo login ${registry}`,
    ], {registry})
  }
  if (response.status !== 200) {
    await response.body.dump()
    throw dataError('REGISTRY_AUTH_FAILED', `the token server of ${registry} answered HTTP ${response.status}`, [`try again later; the token server is ${url.origin}`], {registry})
  }
  const answer = (await readLimitedJson(response, 'token response')) as {token?: string; access_token?: string}
  const token = answer.token ?? answer.access_token
  if (!token) throw dataError('REGISTRY_AUTH_INVALID', `the token server of ${registry} answered without a token`)
  return token
}
