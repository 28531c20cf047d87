/**
 * Delete by digest (the distribution spec deletes manifests, not tags): resolve the tag to its
 * digest with HEAD, then DELETE the digest. Every other tag on that digest goes with it, so the
 * plan lists them first and the caller names them before asking. --all deletes every tag.
 */
import {mapLimit} from './concurrency.js'
import {manifestReference, parseReference, parseRepository} from './reference.js'
import {Repository} from './repository.js'
import type {Session} from './session.js'
import {preconditionError} from '@aigogo/sdk/core'

export interface DeleteResult {
  repository: string
  /** Each manifest deleted, with every tag that pointed at it (all of them are gone). */
  deleted: {digest: string; tags: string[]}[]
  /** Tags that were not named but went too, because they shared a deleted manifest. */
  alsoDeleted: string[]
  cancelled?: boolean
}

export interface DeletePlan {
  repository: string
  /** What the user named: the tag or digest, or every tag with --all. */
  requested: string
  manifests: {digest: string; tags: string[]}[]
  alsoDeleted: string[]
  run(): Promise<DeleteResult>
}

// HEAD requests in flight while mapping tags to digests.
const LOOKUPS_IN_FLIGHT = 8

async function tagsByDigest(repository: Repository): Promise<Map<string, string[]>> {
  const tags = await repository.tags()
  const digests = await mapLimit(tags, LOOKUPS_IN_FLIGHT, (tag) => repository.resolveDigest(tag))
  const byDigest = new Map<string, string[]>()
  tags.forEach((tag, i) => {
    const digest = digests[i]
    if (digest) byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag])
  })
  return byDigest
}

function planFor(repository: Repository, name: string, requested: string, manifests: DeletePlan['manifests'], named: readonly string[]): DeletePlan {
  const alsoDeleted = manifests.flatMap((m) => m.tags).filter((t) => !named.includes(t))
  return {
    alsoDeleted,
    manifests,
    repository: name,
    requested,
    async run() {
      // Several tags may share a manifest: one DELETE per digest removes them all.
      for (const {digest} of manifests) await repository.deleteManifest(digest)
      return {alsoDeleted, deleted: manifests, repository: name}
    },
  }
}

/** What deleting one tag or digest removes; nothing is deleted until run(). */
export async function planDeleteRef(session: Session, text: string): Promise<DeletePlan> {
  const ref = parseReference(text)
  if (!ref.tag && !ref.digest) {
    throw preconditionError('DELETE_NEEDS_TAG', `say which tag or digest of ${text} to delete`, [`delete one tag: aigogo delete ${text}:<tag>`, `delete everything: aigogo delete ${text} --all`])
  }
  const repository = new Repository(session, ref, {delete: true})
  const reference = manifestReference(ref)
  const digest = await repository.resolveDigest(reference)
  if (!digest) {
    throw preconditionError('REGISTRY_NOT_FOUND', `${text} does not exist on ${ref.registry}`, [`see the tags that exist: aigogo tags ${ref.registry}/${ref.repository}`])
  }
  const sharing = (await tagsByDigest(repository)).get(digest) ?? []
  const named = ref.tag ? [ref.tag] : []
  const tags = [...named, ...sharing.filter((t) => !named.includes(t)).sort()]
  return planFor(repository, `${ref.registry}/${ref.repository}`, reference, [{digest, tags}], named)
}

/** What deleting every tag of a repository removes; nothing is deleted until run(). */
export async function planDeleteAll(session: Session, text: string): Promise<DeletePlan> {
  const ref = parseRepository(text)
  const repository = new Repository(session, ref, {delete: true})
  const manifests = [...(await tagsByDigest(repository))].map(([digest, tags]) => ({digest, tags}))
  const everyTag = manifests.flatMap((m) => m.tags)
  return planFor(repository, `${ref.registry}/${ref.repository}`, 'every tag', manifests, everyTag)
}
