/**
 * Delete by digest (the distribution spec deletes manifests, not tags): resolve the tag to its
 * digest with HEAD, then DELETE the digest. --all deletes every tag of the repository.
 */
import {manifestReference, parseReference, parseRepository} from './reference.js'
import {Repository} from './repository.js'
import type {Session} from './session.js'
import {preconditionError} from '@aigogo/sdk/core'

export interface DeleteResult {
  repository: string
  deleted: {digest: string; tags: string[]}[]
}

export async function deleteRef(session: Session, text: string): Promise<DeleteResult> {
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
  await repository.deleteManifest(digest)
  return {deleted: [{digest, tags: ref.tag ? [ref.tag] : []}], repository: `${ref.registry}/${ref.repository}`}
}

export async function deleteAll(session: Session, text: string): Promise<DeleteResult> {
  const ref = parseRepository(text)
  const repository = new Repository(session, ref, {delete: true})
  const byDigest = new Map<string, string[]>()
  for (const tag of await repository.tags()) {
    const digest = await repository.resolveDigest(tag)
    if (digest) byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag])
  }
  const deleted: DeleteResult['deleted'] = []
  // Several tags may share a manifest: one DELETE per digest removes them all.
  for (const [digest, tags] of byDigest) {
    await repository.deleteManifest(digest)
    deleted.push({digest, tags})
  }
  return {deleted, repository: `${ref.registry}/${ref.repository}`}
}
