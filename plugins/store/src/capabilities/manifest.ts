import type {ManifestCapability} from '@aigogo/sdk/core'

import {findManifestDir, loadManifest, parseManifest} from '../manifest/load.js'

const manifest: ManifestCapability = {
  find: findManifestDir,
  load: loadManifest,
  parse: parseManifest,
}

export default manifest
