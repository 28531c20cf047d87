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
// snapshots hold loads this module and snapshot.js, nothing else of the store. Each import is
// asked for once: an install calls check, get and snapshot per package, and every dynamic
// import() pays for resolving its URL again even when the module is loaded.
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined
  return () => (loading ??= load())
}
const full = once(() => import('../store/store.js'))
const checks = once(() => import('../store/check.js'))
const snapshots = once(() => import('../store/take-snapshot.js'))

const store: StoreCapability = {
  check: async (integrity, options) => (await checks()).checkPackage(integrity, options),
  checkSnapshots: async (integrities, snapshots) => notHolding(integrities, snapshots),
  get: async (integrity) => (await full()).getPackage(integrity),
  has: async (integrity) => (await full()).hasPackage(integrity),
  putFromDirectory: async (input) => (await full()).putFromDirectory(input),
  remove: async (integrity) => (await full()).removePackage(integrity),
  snapshot: async (integrity) => (await snapshots()).takeSnapshot(integrity),
  stage: async () => (await full()).openStage(),
  verify: async (integrity) => (await full()).verifyPackage(integrity),
}

export default store
