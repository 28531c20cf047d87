/**
 * Metadata without layer downloads: info (manifest digest, format, sizes, aigogo.json from the
 * config blob). Search over the catalog is in search/.
 */
import type {CatalogOptions, PackageManifest, PackageSignature} from '@aigogo/sdk/core'

import {infoOf, type PackageInfo} from './package-info.js'
import {resolvePackage} from './resolve-package.js'
import {prefetchReferrers} from './referrers/on-session.js'
import {subjectOf} from './referrers/subject-of.js'
import {configBlob} from './search/config-cache.js'
import {trustContext} from './trust.js'
import type {Session} from './session.js'

export type {PackageInfo} from './package-info.js'

/**
 * The config blob and the signatures are read side by side. Every signature is carried by one of
 * the package's referrers (package-trust's contract), so the listing is asked for first, by this
 * plugin, and the provider is loaded and asked only when something is listed.
 */
export async function packageInfo(session: Session, text: string, options: Omit<CatalogOptions, 'offline'> = {}): Promise<PackageInfo> {
  const resolved = await resolvePackage(session, text)
  const {config, format} = resolved.manifest
  const subject = subjectOf(resolved)
  const source = options.trust
  const listed = source ? prefetchReferrers(session, subject) : undefined
  const describe = async (): Promise<PackageSignature[] | undefined> => {
    if (!source || !listed) return undefined
    if ((await listed.listing).referrers.length === 0) return []
    const trust = typeof source === 'function' ? await source() : source
    return trust.describe(subject, trustContext(options.projectDir, session, listed))
  }
  // The config blob is content-addressed: search's cache (checked against its digest) saves the request.
  const [pkg, signatures] = await Promise.all([
    format === 'oci' ? configBlob(resolved.repository, config).then((bytes) => JSON.parse(bytes.toString('utf8')) as PackageManifest) : undefined,
    describe(),
  ]).finally(() => listed?.listing.catch(() => {}))
  // Answered: what the registry sent is kept for info --offline.
  await resolved.keep()
  return {...infoOf(text, resolved, pkg), ...(signatures ? {signatures} : {})}
}
