/**
 * The auth layer: learns each registry's challenge from its first 401, then authenticates every
 * later request up front (Basic, or a Bearer token cached by scope for the rest of the command).
 */
import {Header, DOCKER_HUB} from '../constants.js'
import type {CredentialLookup} from '../credentials/index.js'
import {encodeBasic} from '../credentials/types.js'
import {header, type HttpRequest, type HttpResponse, type Send} from '../transport/types.js'
import {type Challenge, parseChallenge} from './challenge.js'
import {fetchToken} from './token.js'

/** The name credentials are stored under for a URL's host. */
export function registryOf(url: URL): string {
  return url.host === DOCKER_HUB.apiHost ? DOCKER_HUB.name : url.host
}

export function withAuth(send: Send, lookup: CredentialLookup): Send {
  const challenges = new Map<string, Challenge>()
  const tokens = new Map<string, Promise<string>>()

  const authorization = async (request: HttpRequest, challenge: Challenge): Promise<string | undefined> => {
    const registry = registryOf(request.url)
    const credential = await lookup(registry)
    if (challenge.scheme === 'basic') return credential && !credential.identityToken ? `Basic ${encodeBasic(credential)}` : undefined
    // The request knows every scope the command needs (pull,push for a push), so one token serves it all.
    const asked = request.scopes && request.scopes.length > 0 ? request.scopes : challenge.params.scope ? challenge.params.scope.split(' ') : []
    const scopes = [...new Set(asked)].sort()
    const key = `${challenge.params.realm}|${challenge.params.service}|${scopes.join(' ')}`
    let token = tokens.get(key)
    if (!token) {
      token = fetchToken(send, challenge, scopes, credential, registry)
      tokens.set(key, token)
      token.catch(() => tokens.delete(key))
    }
    return `Bearer ${await token}`
  }

  const attempt = async (request: HttpRequest, challenge: Challenge | undefined): Promise<HttpResponse> => {
    const value = challenge ? await authorization(request, challenge) : undefined
    return send(value ? {...request, headers: {...request.headers, [Header.authorization]: value}} : request)
  }

  return async (request) => {
    // By host, not origin: a registry on this machine is addressed in plain HTTP until it answers
    // (session.ts), and its challenge holds for the scheme it turns out to speak.
    const host = request.url.host
    const known = challenges.get(host)
    const response = await attempt(request, known)
    if (response.status !== 401) return response
    const challenge = parseChallenge(header(response, Header.wwwAuthenticate))
    if (!challenge) return response
    // Retry only when the challenge told us something new: a first challenge, or a wider scope.
    const sameAsBefore = known && known.scheme === challenge.scheme && known.params.scope === challenge.params.scope
    if (sameAsBefore) return response
    await response.body.dump()
    challenges.set(host, {...challenge, params: {...challenge.params, scope: ''}})
    return attempt(request, challenge)
  }
}
