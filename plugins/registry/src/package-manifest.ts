/**
 * A manifest read as a package: followed through an index that holds our artifact, then parsed,
 * or MANIFEST_INVALID. Shared by online resolution (resolve-package.ts) and info --offline
 * (resolve-kept.ts), which must not load the HTTP client.
 */
import {AigogoError, dataError} from '@aigogo/sdk/core'

import {chooseFromIndex, isIndex, ManifestShapeError, type ParsedManifest, parseImageManifest} from './format.js'
import type {FetchedManifest} from './repository.js'

function invalidManifest(ref: string, error: unknown): AigogoError {
  return dataError('MANIFEST_INVALID', `${ref} is not an aigogo package: ${(error as Error).message}`, [
    'check the reference; it must point to something pushed with aigogo push (or the upstream Go aigogo)',
  ], {ref})
}

/** `follow` gives the manifest an index points to, by digest. */
export async function readPackageManifest(text: string, first: FetchedManifest, follow: (digest: string) => FetchedManifest | Promise<FetchedManifest>): Promise<{fetched: FetchedManifest; manifest: ParsedManifest}> {
  try {
    const fetched = isIndex(first.mediaType) ? await follow(chooseFromIndex(first.bytes).digest) : first
    return {fetched, manifest: parseImageManifest(fetched.bytes, fetched.mediaType)}
  } catch (error) {
    if (error instanceof ManifestShapeError || error instanceof SyntaxError) throw invalidManifest(text, error)
    throw error
  }
}
