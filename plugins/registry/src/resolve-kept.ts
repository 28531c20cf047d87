/**
 * `info --offline`: a reference resolved from what the last info of it kept (manifest-cache.ts),
 * without a session, so the HTTP client is not loaded. NOT_CACHED when nothing was kept for it.
 * The reference is parsed (and so validated) before any message names it.
 */
import {type AigogoError, preconditionError} from '@aigogo/sdk/core'

import type {ParsedManifest} from './format.js'
import {keptManifest, keptTag} from './manifest-cache.js'
import {readPackageManifest} from './package-manifest.js'
import {parseReference, type Reference} from './reference.js'
import type {FetchedManifest} from './repository.js'

export interface KeptPackage {
  ref: Reference
  digest: string
  manifestBytes: Buffer
  manifest: ParsedManifest
  /** For a tag: when the registry last said the tag names this digest. */
  confirmedAt?: Date
}

export function notCached(text: string, what = text): AigogoError {
  return preconditionError('NOT_CACHED', `${what} was not kept on this machine, so --offline has nothing to answer with`, [
    `run aigogo info ${text} once without --offline: what it shows is kept for later`,
  ], {ref: text})
}

export async function resolveKept(text: string): Promise<KeptPackage> {
  const ref = parseReference(text, {defaultTag: 'latest'})
  const tag = ref.digest ? undefined : keptTag(ref)
  const kept = (digest: string | undefined): FetchedManifest => {
    const manifest = digest ? keptManifest(digest) : undefined
    if (!manifest) throw notCached(text)
    return manifest
  }
  const {fetched, manifest} = await readPackageManifest(text, kept(ref.digest ?? tag?.digest), kept)
  return {digest: fetched.digest, manifest, manifestBytes: fetched.bytes, ref, ...(tag ? {confirmedAt: tag.confirmedAt} : {})}
}
