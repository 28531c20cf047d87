/** The "package-catalog" capability: `aigogo info` for other plugins (no layer downloads). */
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
  info: (ref) => withSession((session) => packageInfo(session, ref)),
}

export default catalog
