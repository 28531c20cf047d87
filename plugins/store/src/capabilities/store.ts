/**
 * The "store" capability: the content-addressable store under AIGOGO_HOME/store.
 * putFromDirectory stages under AIGOGO_HOME/tmp and renames into place (idempotent, safe with
 * concurrent processes); stage() hands out such a staging directory for a producer to fill
 * and commit by rename; stored files are read-only and indexed (store/index-file.ts); check is
 * the cheap stat-and-index check, snapshot/checkSnapshots a cheaper one for the no-op install
 * (store/snapshot.ts), verify the full re-hash (STORE_TAMPERED on a mismatch); remove takes a
 * (tampered) package out. The fast paths load this module: keep its imports to
 * node built-ins and @aigogo/sdk/core (no glob or ignore libraries).
 */
import type {StoreCapability} from '@aigogo/sdk/core'

import {notHolding} from '../store/snapshot.js'

// Everything but the snapshot check is loaded on first use: a no-op install whose stamp's
// snapshots hold loads this module and snapshot.js, nothing else of the store.
const full = () => import('../store/store.js')

const store: StoreCapability = {
  check: async (integrity, options) => (await import('../store/check.js')).checkPackage(integrity, options),
  checkSnapshots: async (integrities, snapshots) => notHolding(integrities, snapshots),
  get: async (integrity) => (await full()).getPackage(integrity),
  has: async (integrity) => (await full()).hasPackage(integrity),
  putFromDirectory: async (input) => (await full()).putFromDirectory(input),
  remove: async (integrity) => (await full()).removePackage(integrity),
  snapshot: async (integrity) => (await import('../store/take-snapshot.js')).takeSnapshot(integrity),
  stage: async () => (await full()).openStage(),
  verify: async (integrity) => (await full()).verifyPackage(integrity),
}

export default store
