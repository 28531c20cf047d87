/**
 * The "store" capability: the content-addressable store under AIGOGO_HOME/store.
 * putFromDirectory stages under AIGOGO_HOME/tmp and renames into place (idempotent, safe with
 * concurrent processes); stage() hands out such a staging directory for a producer to fill
 * and commit by rename; stored files are read-only; verify re-hashes with the upstream
 * algorithm and raises STORE_TAMPERED on a mismatch.
 */
import type {StoreCapability} from '@aigogo/sdk/core'

import {getPackage, hasPackage, openStage, putFromDirectory, verifyPackage} from '../store/store.js'

const store: StoreCapability = {
  get: (integrity) => getPackage(integrity),
  has: (integrity) => hasPackage(integrity),
  putFromDirectory: (input) => putFromDirectory(input),
  stage: () => openStage(),
  verify: (integrity) => verifyPackage(integrity),
}

export default store
