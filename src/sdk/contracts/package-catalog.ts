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
  /** The package's signatures (key ids, verified or not), when a trust provider was passed; never offline. */
  signatures?: PackageSignature[]
  /** Answered from what was kept on this machine, without asking the registry (`offline`). */
  offline?: true
  /** Offline, for a tag: when the registry last said the tag names this digest (ISO 8601). */
  confirmedAt?: string
}

export interface CatalogOptions {
  /**
   * The 'package-trust' capability, or how to load it, to list the package's signatures; absent:
   * none are listed. A loader is called only when something refers to the package (every
   * signature is a referrer), so an unsigned package's info loads no trust provider.
   */
  trust?: PackageTrustCapability | (() => Promise<PackageTrustCapability>)
  /**
   * Answer from what the last info of the reference on this machine kept, without a request:
   * NOT_CACHED when nothing was kept. Signatures are not listed.
   */
  offline?: boolean
  /** Where a project's trust policy is looked for (which keys count as trusted). */
  projectDir?: string
}

export interface PackageCatalogCapability {
  /** Accepts the registry references `aigogo info` accepts; coded errors as it raises them. */
  info(ref: string, options?: CatalogOptions): Promise<RemotePackageInfo>
}
