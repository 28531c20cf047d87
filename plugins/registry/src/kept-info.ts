/**
 * `aigogo info --offline`: the manifest and aigogo.json that the last info of the reference on
 * this machine kept, without a session or a request. Signatures are not listed:
 * they live in the registry, and a kept list could hide one added or removed since.
 */
import type {PackageManifest} from '@aigogo/sdk/core'

import {infoOf, type PackageInfo} from './package-info.js'
import {notCached, resolveKept} from './resolve-kept.js'
import {keptConfig} from './search/config-cache.js'

export async function keptPackageInfo(text: string): Promise<PackageInfo> {
  const resolved = await resolveKept(text)
  let pkg: PackageManifest | undefined
  if (resolved.manifest.format === 'oci') {
    const bytes = keptConfig(resolved.manifest.config)
    if (!bytes) throw notCached(text, `the aigogo.json of ${text}`)
    pkg = JSON.parse(bytes.toString('utf8')) as PackageManifest
  }
  return {...infoOf(text, resolved, pkg), offline: true, ...(resolved.confirmedAt ? {confirmedAt: resolved.confirmedAt.toISOString()} : {})}
}
