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

// Everything but the check is loaded on first use: the no-op install only checks.
const full = () => import('../store/store.js')

const store: StoreCapability = {
  check: (integrity, options) => checkPackage(integrity, options),
  get: async (integrity) => (await full()).getPackage(integrity),
  has: async (integrity) => (await full()).hasPackage(integrity),
  putFromDirectory: async (input) => (await full()).putFromDirectory(input),
  remove: async (integrity) => (await full()).removePackage(integrity),
  stage: async () => (await full()).openStage(),
  verify: async (integrity) => (await full()).verifyPackage(integrity),
}

export default store
