/**
 * What registries say about packages without downloading their files: the manifest digest and
 * the package's aigogo.json from the config blob, and search over a registry's catalog.
 * Provided by the registry plugin.
 */
import type {PackageManifest} from './manifest.js'
import type {PackageSignature, PackageTrustCapability} from './package-trust.js'

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
  /** The package's signatures (key ids, verified or not), when a trust provider was passed. */
  signatures?: PackageSignature[]
}

export interface CatalogOptions {
  /** The 'package-trust' capability, to list the package's signatures; absent: none are listed. */
  trust?: PackageTrustCapability
  /** Where a project's trust policy is looked for (which keys count as trusted). */
  projectDir?: string
}

export interface PackageCatalogCapability {
  /** Accepts the registry references `aigogo info` accepts; coded errors as it raises them. */
  info(ref: string, options?: CatalogOptions): Promise<RemotePackageInfo>
}
