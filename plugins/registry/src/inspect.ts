/**
 * Metadata without layer downloads: info (manifest digest, format, sizes, aigogo.json from the
 * config blob). Search over the catalog is in search/.
 */
import type {PackageManifest} from '@aigogo/sdk/core'

import {resolvePackage} from './pull.js'
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
}

export async function packageInfo(session: Session, text: string): Promise<PackageInfo> {
  const resolved = await resolvePackage(session, text)
  const {config, format, layer, mediaType, annotations} = resolved.manifest
  let pkg: PackageManifest | undefined
  if (format === 'oci') pkg = JSON.parse((await resolved.repository.fetchSmallBlob(config)).toString('utf8')) as PackageManifest
  return {
    annotations,
    digest: resolved.digest,
    format,
    mediaType,
    package: pkg,
    ref: text,
    size: resolved.manifestBytes.length + config.size + layer.size,
  }
}
