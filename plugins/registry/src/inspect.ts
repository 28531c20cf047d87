/**
 * Metadata without layer downloads: info (manifest digest, format, sizes, aigogo.json from the
 * config blob). Search over the catalog is in search/.
 */
import type {CatalogOptions, PackageManifest, PackageSignature, PackageTrustCapability} from '@aigogo/sdk/core'

import {resolvePackage} from './resolve-package.js'
import {subjectOf} from './referrers/subject-of.js'
import {configBlob} from './search/config-cache.js'
import {trustContext} from './trust.js'
import type {Session} from './session.js'
import type {WireFormat} from './format.js'

export interface PackageInfo {
  ref: string
  digest: string
  format: WireFormat
  mediaType: string
  /** Manifest + config + layer bytes. */
  size: number
  annotations: Record<string, string>
  /** The package's aigogo.json; for the upstream format it is not known without the layer. */
  package?: PackageManifest
  /** Its signatures (key ids; verified when a trusted key checks them), when a trust provider was passed. */
  signatures?: PackageSignature[]
}

/**
 * `trust` may still be loading (the runner asks for the capability and resolves the manifest at
 * once); the config blob and the signatures are then read side by side.
 */
export async function packageInfo(session: Session, text: string, options: Omit<CatalogOptions, 'trust'> & {trust?: PackageTrustCapability | Promise<PackageTrustCapability>} = {}): Promise<PackageInfo> {
  const resolved = await resolvePackage(session, text)
  const {config, format, layer, mediaType, annotations} = resolved.manifest
  const describe = async (): Promise<PackageSignature[] | undefined> => {
    const trust = await options.trust
    return trust ? trust.describe(subjectOf(resolved), trustContext(options.projectDir, session)) : undefined
  }
  // The config blob is content-addressed: search's cache (checked against its digest) saves the request.
  const [pkg, signatures] = await Promise.all([
    format === 'oci' ? configBlob(resolved.repository, config).then((bytes) => JSON.parse(bytes.toString('utf8')) as PackageManifest) : undefined,
    describe(),
  ])
  return {
    annotations,
    digest: resolved.digest,
    format,
    mediaType,
    package: pkg,
    ref: text,
    size: resolved.manifestBytes.length + config.size + layer.size,
    ...(signatures ? {signatures} : {}),
  }
}
