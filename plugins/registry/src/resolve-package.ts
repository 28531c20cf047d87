/**
 * A reference resolved to its image manifest (through an index holding our artifact): what pull,
 * info, search, sign and the referrers read first. A module of its own so that a command that only
 * reads manifests does not load the layer download and the tar reader (11 ms of `info`'s start).
 */
import type {ParsedManifest} from './format.js'
import {keepManifest, keptManifest, keepTag} from './manifest-cache.js'
import {readPackageManifest} from './package-manifest.js'
import {manifestReference, parseReference, type Reference} from './reference.js'
import {type FetchedManifest, Repository} from './repository.js'
import type {Session} from './session.js'

export interface ResolvedPackage {
  ref: Reference
  repository: Repository
  /** Digest of the image manifest (not of an index that pointed to it). */
  digest: string
  manifestBytes: Buffer
  manifest: ParsedManifest
  /**
   * Keeps what the registry sent, and what the tag named, for info --offline (manifest-cache.ts).
   * Called by a command once it succeeded, so a refused or failed one leaves nothing behind.
   */
  keep(): Promise<void>
}

/** A manifest asked for by digest comes from what was kept when it is there (the digest names exactly those bytes). */
async function manifestOf(repository: Repository, reference: string, sent: FetchedManifest[]): Promise<FetchedManifest> {
  const kept = reference.startsWith('sha256:') ? keptManifest(reference) : undefined
  if (kept) return kept
  const fetched = await repository.fetchManifest(reference)
  sent.push(fetched)
  return fetched
}

export async function resolvePackage(session: Session, text: string): Promise<ResolvedPackage> {
  const ref = parseReference(text, {defaultTag: 'latest'})
  const repository = new Repository(session, ref)
  const sent: FetchedManifest[] = []
  const first = await manifestOf(repository, manifestReference(ref), sent)
  const {fetched, manifest} = await readPackageManifest(text, first, (digest) => manifestOf(repository, digest, sent))
  const keep = async (): Promise<void> => {
    await Promise.all([...sent.map((m) => keepManifest(m)), keepTag(ref, first.digest)])
  }
  return {digest: fetched.digest, keep, manifest, manifestBytes: fetched.bytes, ref, repository}
}
