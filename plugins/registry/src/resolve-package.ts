/**
 * A reference resolved to its image manifest (through an index holding our artifact): what pull,
 * info, search, sign and the referrers read first. A module of its own so that a command that only
 * reads manifests does not load the layer download and the tar reader (11 ms of `info`'s start).
 */
import {AigogoError, dataError} from '@aigogo/sdk/core'

import {chooseFromIndex, isIndex, ManifestShapeError, type ParsedManifest, parseImageManifest} from './format.js'
import {manifestReference, parseReference, type Reference} from './reference.js'
import {Repository} from './repository.js'
import type {Session} from './session.js'

export interface ResolvedPackage {
  ref: Reference
  repository: Repository
  /** Digest of the image manifest (not of an index that pointed to it). */
  digest: string
  manifestBytes: Buffer
  manifest: ParsedManifest
}

function invalidManifest(ref: string, error: unknown): AigogoError {
  return dataError('MANIFEST_INVALID', `${ref} is not an aigogo package: ${(error as Error).message}`, [
    'check the reference; it must point to something pushed with aigogo push (or the upstream Go aigogo)',
  ], {ref})
}

export async function resolvePackage(session: Session, text: string): Promise<ResolvedPackage> {
  const ref = parseReference(text, {defaultTag: 'latest'})
  const repository = new Repository(session, ref)
  let fetched = await repository.fetchManifest(manifestReference(ref))
  try {
    if (isIndex(fetched.mediaType)) fetched = await repository.fetchManifest(chooseFromIndex(fetched.bytes).digest)
    return {digest: fetched.digest, manifest: parseImageManifest(fetched.bytes, fetched.mediaType), manifestBytes: fetched.bytes, ref, repository}
  } catch (error) {
    if (error instanceof ManifestShapeError || error instanceof SyntaxError) throw invalidManifest(text, error)
    throw error
  }
}
