/**
 * The "package-files" capability: what `build` would package from a directory (auto discovery
 * or include globs with "**", minus default excludes, "files.exclude" and .aigogoignore).
 */
import type {PackageFilesCapability} from '@aigogo/sdk/core'

import {discoverFiles} from '../files/discover.js'

const packageFiles: PackageFilesCapability = {
  discover: (dir, manifest, options) => discoverFiles(dir, manifest, options?.extensions),
}

export default packageFiles
