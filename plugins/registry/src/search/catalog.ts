/**
 * A bounded read of a registry's catalog (GET /v2/_catalog): pages of at most 100 names, by the
 * Link header when the registry sends one, else by the spec's `n`/`last` parameters, until the
 * limit. A registry whose pages do not move on (the same page again, an empty page with a "next")
 * ends the read, so no registry can keep a search going.
 */
import {preconditionError} from '@aigogo/sdk/core'

import {responseError} from '../errcode.js'
import {nextLink} from '../pagination.js'
import {parseReference} from '../reference.js'
import type {Session} from '../session.js'
import {readLimitedJson} from '../transport/body.js'

const PAGE = 100

export interface CatalogRead {
  repositories: string[]
  /** True when the catalog ended within the limit. */
  complete: boolean
}

function catalogUrl(origin: string, n: number, last?: string): URL {
  const url = new URL(`${origin}/v2/_catalog`)
  url.searchParams.set('n', String(n))
  if (last !== undefined) url.searchParams.set('last', last)
  return url
}

/** A repository name as the distribution spec writes them; anything else in a catalog is skipped. */
function validName(registry: string, name: unknown): name is string {
  if (typeof name !== 'string' || name === '' || name.length > 255) return false
  try {
    return parseReference(`${registry}/${name}`).repository === name
  } catch {
    return false
  }
}

async function hasMore(session: Session, url: URL, registry: string, seen: ReadonlySet<string>): Promise<boolean> {
  try {
    const response = await session.send({method: 'GET', scopes: ['registry:catalog:*'], url})
    if (response.status !== 200) {
      await response.body.dump()
      return true
    }
    const page = (await readLimitedJson(response, 'catalog')) as {repositories?: unknown} | null
    return Array.isArray(page?.repositories) && page.repositories.some((name) => validName(registry, name) && !seen.has(name))
  } catch {
    return true
  }
}

export async function readCatalog(session: Session, registry: string, options: {limit: number; after?: string}): Promise<CatalogRead> {
  const apiHost = parseReference(`${registry}/x`).apiHost
  let origin = await session.origin(apiHost)
  const repositories: string[] = []
  const seen = new Set<string>()
  let url: URL | undefined = catalogUrl(origin, Math.min(PAGE, options.limit), options.after)
  while (url) {
    const response = await session.send({method: 'GET', scopes: ['registry:catalog:*'], url})
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      const error = await responseError(response, 'list its repositories', registry)
      throw preconditionError('SEARCH_UNSUPPORTED', `${registry} does not let you list its repositories: ${error.message}`, [
        'search needs the registry catalog API (/v2/_catalog); Docker Hub and GHCR do not offer it',
        `log in if the registry requires it: aigogo login ${registry}`,
      ], {registry})
    }
    if (response.status !== 200) throw await responseError(response, 'list its repositories', registry)
    const link = nextLink(response)
    // As known once the registry has answered (one on this machine is first addressed in plain HTTP).
    origin = await session.origin(apiHost)
    const page = (await readLimitedJson(response, 'catalog')) as {repositories?: unknown} | null
    const names = Array.isArray(page?.repositories) ? page.repositories : []
    let added = 0
    for (const name of names) {
      if (!validName(registry, name) || seen.has(name)) continue
      if (repositories.length === options.limit) return {complete: false, repositories}
      seen.add(name)
      repositories.push(name)
      added++
    }
    const last = typeof names.at(-1) === 'string' ? (names.at(-1) as string) : undefined
    // The end: no next page, or a page that brought nothing new.
    const more = added > 0 && (link !== undefined || names.length >= Math.min(PAGE, options.limit))
    if (!more) return {complete: true, repositories}
    // At the limit: one name more says whether the catalog goes on (so "stopped early" is true).
    if (repositories.length >= options.limit) return {complete: !(await hasMore(session, catalogUrl(origin, 1, last), registry, seen)), repositories}
    const remaining = Math.min(PAGE, options.limit - repositories.length)
    url = link && link.origin === origin ? link : catalogUrl(origin, remaining, last)
  }
  return {complete: true, repositories}
}
