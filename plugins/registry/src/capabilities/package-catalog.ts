/** The "package-catalog" capability: `aigogo info` for other plugins and its own runner (no layer downloads). */
import type {PackageCatalogCapability} from '@aigogo/sdk/core'

import {packageInfo} from '../inspect.js'
import {createSession, type Session} from '../session.js'

async function withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
  const session = createSession()
  try {
    return await work(session)
  } finally {
    await session.close()
  }
}

const catalog: PackageCatalogCapability = {
  info: async (ref, {offline, ...options} = {}) => (offline ? (await import('../kept-info.js')).keptPackageInfo(ref) : withSession((session) => packageInfo(session, ref, options))),
}

export default catalog
