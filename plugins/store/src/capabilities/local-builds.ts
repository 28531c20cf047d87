/**
 * The "local-builds" capability: builds made by `aigogo build`, by "name:tag".
 * resolve() raises REF_INVALID / REF_NOT_LOCAL for a bad reference and BUILD_NOT_FOUND
 * (listing the builds that exist) when there is no such build.
 */
import type {LocalBuildsCapability} from '@aigogo/sdk/core'

import {listBuilds, resolveBuild} from '../cache/local-cache.js'

const localBuilds: LocalBuildsCapability = {
  list: () => listBuilds(),
  resolve: (ref) => resolveBuild(ref),
}

export default localBuilds
