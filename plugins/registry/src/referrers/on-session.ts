/**
 * The referrers capability over a session the caller already has: info and pull list a package's
 * signatures over the connection that fetched its manifest (the capability itself opens a
 * session, and a connection, per call). The HTTP work loads only when a call is made.
 */
import type {ReferrerList, ReferrerSubject, ReferrersCapability} from '@aigogo/sdk/core'

import type {Session} from '../session.js'

/** A subject's whole listing, asked for before anyone needed it (see prefetchReferrers). */
export interface PrefetchedReferrers {
  digest: string
  listing: Promise<ReferrerList & {complete: boolean}>
}

/**
 * Starts listing a subject's referrers now, unfiltered: info learns from it whether there is
 * anything for the trust provider to describe, and the provider, when asked, is answered from it.
 */
export function prefetchReferrers(session: Session, subject: ReferrerSubject): PrefetchedReferrers {
  const listing = Promise.all([import('./list.js'), import('./subject.js')]).then(([{listWithCompleteness}, {subjectRepository}]) => listWithCompleteness(subjectRepository(session, subject), subject))
  // Its failure is reported to whoever reads it; nobody may.
  listing.catch(() => {})
  return {digest: subject.digest, listing}
}

export function referrersOn(session: Session, prefetched?: PrefetchedReferrers): ReferrersCapability {
  return {
    async attach(subject, options) {
      const [{attachReferrer}, {subjectRepository}] = await Promise.all([import('./attach.js'), import('./subject.js')])
      return (await attachReferrer(subjectRepository(session, subject, {push: true}), subject, options)).descriptor
    },
    async fetch(subject, referrer) {
      const [{fetchReferrer}, {subjectRepository}] = await Promise.all([import('./fetch.js'), import('./subject.js')])
      return fetchReferrer(subjectRepository(session, subject), subject, referrer)
    },
    async list(subject, options) {
      const [{listReferrers, ofType}, {subjectRepository}] = await Promise.all([import('./list.js'), import('./subject.js')])
      if (prefetched?.digest === subject.digest) {
        const {complete, referrers, via} = await prefetched.listing
        // Filtering is ours either way; only a listing cut at the page cap is asked for again, filtered.
        if (complete || options?.artifactType === undefined) return {referrers: ofType(referrers, options?.artifactType), via}
      }
      return listReferrers(subjectRepository(session, subject), subject, options)
    },
    async resolve(ref) {
      const {resolveSubject} = await import('./subject.js')
      return resolveSubject(session, ref)
    },
  }
}
