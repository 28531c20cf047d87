/**
 * The "store" capability: the content-addressable store under AIGOGO_HOME/store.
 * putFromDirectory stages under AIGOGO_HOME/tmp and renames into place (idempotent, safe with
 * concurrent processes); stage() hands out such a staging directory for a producer to fill
 * and commit by rename; stored files are read-only and indexed (store/index-file.ts); check is
 * the cheap stat-and-index check, verify the full re-hash (STORE_TAMPERED on a mismatch);
 * remove takes a (tampered) package out. The fast paths load this module: keep its imports to
 * node built-ins and @aigogo/sdk/core (no glob or ignore libraries).
 */
import type {StoreCapability} from '@aigogo/sdk/core'

import {checkPackage} from '../store/check.js'
import {getPackage, hasPackage, openStage, putFromDirectory, removePackage, verifyPackage} from '../store/store.js'

const store: StoreCapability = {
  check: (integrity, options) => checkPackage(integrity, options),
  get: (integrity) => getPackage(integrity),
  has: (integrity) => hasPackage(integrity),
  putFromDirectory: (input) => putFromDirectory(input),
  remove: (integrity) => removePackage(integrity),
  stage: () => openStage(),
  verify: (integrity) => verifyPackage(integrity),
}

export default store
