/**
 * What registries say about packages without downloading their files: the manifest digest and
 * the package's aigogo.json from the config blob, and search over a registry's catalog.
 * Provided by the registry plugin.
 */
import type {PackageManifest} from './manifest.js'

export interface RemotePackageInfo {
  ref: string
  /** The image manifest digest ("sha256:…"). */
  digest: string
  /** "oci" (aigogo's own) or "upstream" (the Go tool's Docker format). */
  format: string
  mediaType: string
  /** Manifest + config + layer bytes. */
  size: number
  annotations: Record<string, string>
  /** The package's aigogo.json; absent for the upstream format, whose manifest is inside the layer. */
  package?: PackageManifest
}

export interface PackageCatalogCapability {
  /** Accepts the registry references `aigogo info` accepts; coded errors as it raises them. */
  info(ref: string): Promise<RemotePackageInfo>
}
