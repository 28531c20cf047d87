/**
 * Where packages come from. Several plugins answer: the store for local builds ("name:tag"),
 * the registry plugin for OCI references. A consumer asks each source whether it accepts a
 * reference and lets the first that does bring the package into the store.
 */
import type {PackageTrustCapability} from './package-trust.js'
import type {StoreCapability, StoredPackage} from './store.js'

export interface FetchOptions {
  /** Quiet progress for machine output. */
  json?: boolean
  /** When set, the fetched package must have this integrity or a coded data error is raised. */
  expectedIntegrity?: string
  /**
   * The store to fetch into. Sources in a plugin other than the store's (the registry) cannot
   * reach it without the oclif config, so the consumer passes capability(config, 'store').
   */
  store?: StoreCapability
  /**
   * The signing policy to enforce before the package is stored (capability 'package-trust' when
   * a plugin provides it). Absent: no policy is checked.
   */
  trust?: PackageTrustCapability
  /** Where a project policy is looked for (the directory of aigogo.lock). */
  projectDir?: string
}

export interface FetchedPackage extends StoredPackage {
  /** The reference exactly as given. */
  source: string
  /** For registry sources: the resolved image manifest digest ("sha256:..."), to pin or show. */
  digest?: string
  /** The key id whose signature the trust policy verified ("sha256:<hex>"); absent when no policy scope covers the package. */
  signer?: string
}

export interface PackageSource {
  /** Short id shown to people: "local", "registry". */
  readonly id: string
  accepts(ref: string): boolean
  fetch(ref: string, options?: FetchOptions): Promise<FetchedPackage>
}
