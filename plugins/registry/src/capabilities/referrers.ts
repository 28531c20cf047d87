/**
 * The "referrers" capability: OCI 1.1 referrers of a package manifest (signatures, for the
 * signing plugin), over the plugin's one HTTP client (auth, retry, size caps). Each call opens
 * and closes its own session; the HTTP code loads only when a call is made.
 */
import type {ReferrersCapability} from '@aigogo/sdk/core'

async function withSession<T>(work: (referrers: ReferrersCapability) => Promise<T>): Promise<T> {
  const [{createSession}, {referrersOn}] = await Promise.all([import('../session.js'), import('../referrers/on-session.js')])
  const session = createSession()
  try {
    return await work(referrersOn(session))
  } finally {
    await session.close()
  }
}

const referrers: ReferrersCapability = {
  attach: (subject, options) => withSession((on) => on.attach(subject, options)),
  fetch: (subject, referrer) => withSession((on) => on.fetch(subject, referrer)),
  list: (subject, options) => withSession((on) => on.list(subject, options)),
  resolve: (ref) => withSession((on) => on.resolve(ref)),
}

export default referrers
