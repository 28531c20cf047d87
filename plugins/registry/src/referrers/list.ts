/**
 * Listing a subject's referrers: the registry's referrers API when it has one (a 200 carrying an
 * OCI image index), else the fallback index under the tag `sha256-<hex>` (as oras-go does).
 * The artifactType filter is applied here as well: a registry may ignore it (it says which
 * filters it applied in OCI-Filters-Applied, and the fallback index is never filtered).
 */
import type {ReferrerDescriptor, ReferrerList, ReferrerSubject} from '@aigogo/sdk/core'

import {Header, MAX_REFERRER_PAGES, MediaType} from '../constants.js'
import {responseError} from '../errcode.js'
import {nextLink} from '../pagination.js'
import type {Repository} from '../repository.js'
import {readLimited} from '../transport/body.js'
import {header, type HttpResponse} from '../transport/types.js'
import {descriptorsOf, isImageIndex} from './descriptors.js'
import {fallbackTag, readFallbackIndex} from './fallback-index.js'

export async function listReferrers(repository: Repository, subject: ReferrerSubject, options: {artifactType?: string} = {}): Promise<ReferrerList> {
  const {complete: _complete, ...list} = await listWithCompleteness(repository, subject, options)
  return list
}

/**
 * The listing, and whether it is all of it: the API's pages stop at MAX_REFERRER_PAGES, so an
 * unfiltered listing cut there may lack referrers that a filtered one would hold.
 */
export async function listWithCompleteness(repository: Repository, subject: ReferrerSubject, options: {artifactType?: string} = {}): Promise<ReferrerList & {complete: boolean}> {
  // Whether the fallback tag exists is asked (HEAD) beside the API: a registry without the API then
  // answers in one round trip instead of two when there is no index (the usual case), and one
  // with it gets a HEAD more, which rate limits such as Docker Hub's do not count as a pull. Both
  // are awaited, so nothing is left in flight when the session closes.
  const [viaApi, tag] = await Promise.all([
    listByApi(repository, subject, options.artifactType),
    repository.resolveDigest(fallbackTag(subject.digest)).then((digest) => ({exists: digest !== undefined}), (error: unknown) => ({error})),
  ])
  if (!viaApi && 'error' in tag) throw tag.error
  const found = viaApi?.referrers ?? ('exists' in tag && tag.exists ? (await readFallbackIndex(repository, subject)).referrers : [])
  return {complete: viaApi?.complete ?? true, referrers: ofType(found, options.artifactType), via: viaApi ? 'api' : 'tag'}
}

/** A registry may ignore the artifactType filter (it says which it applied in OCI-Filters-Applied), and the fallback index is never filtered. */
export function ofType(referrers: ReferrerDescriptor[], artifactType: string | undefined): ReferrerDescriptor[] {
  return artifactType === undefined ? referrers : referrers.filter((r) => r.artifactType === artifactType)
}

/** The API's referrers, every page up to the cap; undefined when the registry has no referrers API. */
async function listByApi(repository: Repository, subject: ReferrerSubject, artifactType?: string): Promise<{referrers: ReferrerDescriptor[]; complete: boolean} | undefined> {
  let url: URL | undefined = await repository.url(`referrers/${subject.digest}`)
  if (artifactType !== undefined) url.searchParams.set('artifactType', artifactType)
  const all: ReferrerDescriptor[] = []
  for (let page = 0; url && page < MAX_REFERRER_PAGES; page++) {
    const response = await repository.send({headers: {[Header.accept]: MediaType.ociIndex}, method: 'GET', url})
    // 404 is what a registry without the API answers (the route is unknown to it).
    if (response.status === 404 || response.status === 405) {
      await response.body.dump()
      if (page === 0) return undefined
      throw await responseError(response, `list the referrers of ${repository.ref.repository}@${subject.digest}`, repository.registry)
    }
    if (response.status !== 200) throw await responseError(response, `list the referrers of ${repository.ref.repository}@${subject.digest}`, repository.registry)
    const next = nextLink(response)
    const index = await indexOf(response)
    // Some registries answer 200 to routes they do not know (sigstore-js#1187): not an index, no API.
    if (!index) {
      if (page === 0) return undefined
      break
    }
    all.push(...descriptorsOf(index))
    // A next page elsewhere is not followed: our credentials belong to this registry.
    url = next && (await repository.isOwnOrigin(next)) ? next : undefined
  }
  const seen = new Set<string>()
  return {complete: url === undefined, referrers: all.filter((d) => !seen.has(d.digest) && seen.add(d.digest))}
}

async function indexOf(response: HttpResponse): Promise<{manifests: unknown[]} | undefined> {
  const type = header(response, Header.contentType)?.split(';')[0]?.trim()
  const bytes = await readLimited(response, 'referrers list')
  if (type !== undefined && type !== MediaType.ociIndex && type !== 'application/json') return undefined
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'))
    return isImageIndex(value) ? value : undefined
  } catch {
    return undefined
  }
}
