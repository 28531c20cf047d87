/** What `aigogo info` shows of a registry package, online (inspect.ts) or from what was kept (kept-info.ts). */
import type {PackageManifest, RemotePackageInfo} from '@aigogo/sdk/core'

import type {ParsedManifest, WireFormat} from './format.js'

/** The SDK's RemotePackageInfo (src/sdk/contracts/package-catalog.ts), with this plugin's own wire formats. */
export interface PackageInfo extends RemotePackageInfo {
  format: WireFormat
}

export function infoOf(text: string, resolved: {digest: string; manifest: ParsedManifest; manifestBytes: Buffer}, pkg: PackageManifest | undefined): PackageInfo {
  const {annotations, config, format, layer, mediaType} = resolved.manifest
  return {annotations, digest: resolved.digest, format, mediaType, package: pkg, ref: text, size: resolved.manifestBytes.length + config.size + layer.size}
}
