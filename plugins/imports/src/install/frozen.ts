/**
 * `install --frozen`: the lock must still describe what its sources hold. Each entry's source is
 * resolved again (a local build by name:tag, a registry tag) and must give the locked integrity
 * (and, for registry entries, the locked manifest digest). Nothing is changed when it fails.
 */
import {preconditionError} from '@aigogo/sdk/core'

import type {LockEntry} from '../lock/lock-file.js'
import {type PackageSources, sourceFor, type TrustScope, trustOptions} from './resolve-packages.js'

export interface Drift {
  package: string
  source: string
  locked: string
  current: string
}

export async function checkFrozen(packages: Record<string, LockEntry>, deps: PackageSources, json: boolean, trust?: TrustScope): Promise<void> {
  const drifts: Drift[] = []
  for (const key of Object.keys(packages).sort()) {
    const entry = packages[key] as LockEntry
    const source = sourceFor(entry.source, deps.sources)
    if (!source) {
      throw preconditionError('SOURCE_UNAVAILABLE', `--frozen cannot check "${key}": no plugin resolves "${entry.source}"`, [
        'install the plugin for this kind of reference (aigogo plugins list), or run install without --frozen',
      ], {package: key})
    }
    // Under a policy, what the tag names now must pass it too (before it is stored).
    const current = await source.fetch(entry.source, {json, store: deps.store, ...trustOptions(trust)})
    const currentDigest = current.digest
    if (current.integrity !== entry.integrity) drifts.push({current: current.integrity, locked: entry.integrity, package: key, source: entry.source})
    else if (entry.digest && currentDigest && currentDigest !== entry.digest) drifts.push({current: currentDigest, locked: entry.digest, package: key, source: entry.source})
  }
  if (drifts.length > 0) {
    throw preconditionError(
      'LOCK_OUTDATED',
      `aigogo.lock is out of date: ${drifts.map((d) => `${d.package} (${d.source})`).join(', ')} now resolve${drifts.length === 1 ? 's' : ''} to different content`,
      [
        ...drifts.map((d) => `re-add it to accept the new content: aigogo add ${d.source}`),
        'or run aigogo install without --frozen to install exactly what the lock records',
      ],
      {drifts},
    )
  }
}
