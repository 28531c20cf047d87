/** The "package-catalog" capability: `aigogo info` and `aigogo search` for other plugins (no layer downloads). */
import type {PackageCatalogCapability} from '@aigogo/sdk/core'

import {packageInfo, search} from '../inspect.js'
import {registryName} from '../login.js'
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
  info: (ref) => withSession((session) => packageInfo(session, ref)),
  search(given, query) {
    const registry = registryName(given)
    return withSession(async (session) => ({registry, results: await search(session, registry, query)}))
  },
}

export default catalog
