/**
 * The referrers capability over a session the caller already has: info and pull list a package's
 * signatures over the connection that fetched its manifest (the capability itself opens a
 * session, and a connection, per call). The HTTP work loads only when a call is made.
 */
import type {ReferrersCapability} from '@aigogo/sdk/core'

import type {Session} from '../session.js'

export function referrersOn(session: Session): ReferrersCapability {
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
      const [{listReferrers}, {subjectRepository}] = await Promise.all([import('./list.js'), import('./subject.js')])
      return listReferrers(subjectRepository(session, subject), subject, options)
    },
    async resolve(ref) {
      const {resolveSubject} = await import('./subject.js')
      return resolveSubject(session, ref)
    },
  }
}
