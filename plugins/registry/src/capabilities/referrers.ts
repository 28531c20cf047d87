/**
 * The "referrers" capability: OCI 1.1 referrers of a package manifest (signatures, for the
 * signing plugin), over the plugin's one HTTP client (auth, retry, size caps). Each call opens
 * and closes its own session; the HTTP code loads only when a call is made.
 */
import type {ReferrersCapability} from '@aigogo/sdk/core'

import type {Session} from '../session.js'

async function withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
  const {createSession} = await import('../session.js')
  const session = createSession()
  try {
    return await work(session)
  } finally {
    await session.close()
  }
}

const referrers: ReferrersCapability = {
  async attach(subject, options) {
    const [{attachReferrer}, {subjectRepository}] = await Promise.all([import('../referrers/attach.js'), import('../referrers/subject.js')])
    return withSession(async (session) => (await attachReferrer(subjectRepository(session, subject, {push: true}), subject, options)).descriptor)
  },
  async fetch(subject, referrer) {
    const [{fetchReferrer}, {subjectRepository}] = await Promise.all([import('../referrers/fetch.js'), import('../referrers/subject.js')])
    return withSession((session) => fetchReferrer(subjectRepository(session, subject), subject, referrer))
  },
  async list(subject, options) {
    const [{listReferrers}, {subjectRepository}] = await Promise.all([import('../referrers/list.js'), import('../referrers/subject.js')])
    return withSession((session) => listReferrers(subjectRepository(session, subject), subject, options))
  },
  async resolve(ref) {
    const {resolveSubject} = await import('../referrers/subject.js')
    return withSession((session) => resolveSubject(session, ref))
  },
}

export default referrers
