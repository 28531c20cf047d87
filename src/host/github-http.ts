/**
 * HTTP for the GitHub Releases API. Redirects are followed by hand so that GITHUB_TOKEN goes to
 * the API host only: an asset download that redirects to a CDN (another host) never carries it.
 * Status codes map to the host's error codes: 401/403 -> PLUGIN_FETCH_UNAUTHORIZED (exit 1),
 * anything else that is not 2xx, a timeout or a network error -> PLUGIN_FETCH_FAILED (exit 3).
 */
import {messageOf} from '@aigogo/sdk'
import {request} from 'undici'

import {fetchFailed, fetchUnauthorized} from './plugin-errors.js'

export const DEFAULT_API_URL = 'https://api.github.com'
const MAX_REDIRECTS = 5

export interface GithubClientOptions {
  apiUrl?: string
  token?: string
  timeoutMs?: number
}

export interface GithubClient {
  apiUrl: string
  /** Origin that may receive the token. */
  apiOrigin: string
  token: string | undefined
  timeoutMs: number
}

export function githubClient(env: NodeJS.ProcessEnv = process.env, options: GithubClientOptions = {}): GithubClient {
  const apiUrl = (options.apiUrl ?? env.AIGOGO_GITHUB_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '')
  const token = (options.token ?? env.GITHUB_TOKEN)?.trim() || undefined
  const timeoutMs = options.timeoutMs ?? (Number(env.AIGOGO_HTTP_TIMEOUT_MS) || 30_000)
  return {apiOrigin: new URL(apiUrl).origin, apiUrl, timeoutMs, token}
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: AsyncIterable<Uint8Array> & {text(): Promise<string>; dump(): Promise<void>}
  url: string
}

/** GET with manual redirects; returns a 2xx response or throws a coded error. */
export async function githubGet(client: GithubClient, url: string, accept: string): Promise<HttpResponse> {
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = {accept, 'user-agent': 'aigogo-plugin-host', 'x-github-api-version': '2022-11-28'}
    // The token is for the API host alone; a redirect elsewhere (a CDN) must not receive it.
    if (client.token && new URL(current).origin === client.apiOrigin) headers.authorization = `Bearer ${client.token}`
    let response
    try {
      response = await request(current, {bodyTimeout: client.timeoutMs, headers, headersTimeout: client.timeoutMs, method: 'GET'})
    } catch (error) {
      throw fetchFailed(`GET ${current} failed: ${messageOf(error)}`, undefined, {url: current})
    }
    const {statusCode: status} = response
    if (status >= 300 && status < 400 && response.headers.location) {
      await response.body.dump()
      current = new URL(String(response.headers.location), current).href
      continue
    }
    if (status === 401 || status === 403) {
      await response.body.dump()
      throw fetchUnauthorized('GET', current, status)
    }
    if (status < 200 || status >= 300) {
      const text = (await response.body.text().catch(() => '')).trim().slice(0, 512)
      throw fetchFailed(`GET ${current} returned ${status}${text ? `: ${text}` : ''}`, undefined, {status, url: current})
    }
    return {body: response.body, headers: response.headers, status, url: current}
  }
  throw fetchFailed(`GET ${url} redirected more than ${MAX_REDIRECTS} times`)
}

export async function githubJson(client: GithubClient, url: string): Promise<{value: unknown; headers: HttpResponse['headers']}> {
  const response = await githubGet(client, url, 'application/vnd.github+json')
  let text: string
  try {
    text = await response.body.text()
  } catch (error) {
    throw fetchFailed(`GET ${url} failed while reading the body: ${messageOf(error)}`)
  }
  try {
    return {headers: response.headers, value: JSON.parse(text)}
  } catch {
    throw fetchFailed(`GET ${url} did not return JSON`, ['the release host answered with something other than the GitHub API: check AIGOGO_GITHUB_API_URL'])
  }
}
