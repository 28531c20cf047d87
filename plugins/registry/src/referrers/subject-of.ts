/** A resolved package as the subject of referrers (no import of pull's code: pull uses this). */
import type {ReferrerSubject} from '@aigogo/sdk/core'

import type {ResolvedPackage} from '../resolve-package.js'

/** The subject of a package pull already resolved (the bytes are the ones pull verified). */
export function subjectOf(resolved: ResolvedPackage): ReferrerSubject {
  return {
    digest: resolved.digest,
    manifestBytes: new Uint8Array(resolved.manifestBytes),
    mediaType: resolved.manifest.mediaType,
    registry: resolved.ref.registry,
    repository: resolved.ref.repository,
    size: resolved.manifestBytes.length,
  }
}
