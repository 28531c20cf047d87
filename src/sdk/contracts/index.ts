/**
 * The capability map: the name a plugin declares in package.json ("aigogo.capabilities")
 * and the contract its module's default export implements.
 */
import type {DependencyImport, DependencyValidator} from './dependencies.js'
import type {ManifestCapability} from './manifest.js'
import type {PackageCatalogCapability} from './package-catalog.js'
import type {PackageTrustCapability} from './package-trust.js'
import type {PackageSource} from './package-source.js'
import type {ProjectPackagesCapability} from './project-packages.js'
import type {ReferrersCapability} from './referrers.js'
import type {RegistryCapability} from './registry.js'
import type {LocalBuildsCapability, PackageFilesCapability, StoreCapability} from './store.js'

export interface CapabilityContracts {
  manifest: ManifestCapability
  store: StoreCapability
  'local-builds': LocalBuildsCapability
  'package-files': PackageFilesCapability
  'package-source': PackageSource
  registry: RegistryCapability
  'dependency-validator': DependencyValidator
  'dependency-import': DependencyImport
  'package-catalog': PackageCatalogCapability
  'project-packages': ProjectPackagesCapability
  referrers: ReferrersCapability
  'package-trust': PackageTrustCapability
}

export type CapabilityName = keyof CapabilityContracts
// Languages are a family of capabilities, "language:<name>" (contract: LanguageSupport in
// language.ts), looked up through languages.ts rather than capability(): one per language.

/** Which first-party plugin provides each capability, for the "What to do" of a missing one. */
export const FIRST_PARTY_PROVIDERS: Record<CapabilityName, readonly string[]> = {
  'dependency-import': ['depgen'],
  'dependency-validator': ['depgen'],
  'local-builds': ['store'],
  'package-files': ['store'],
  manifest: ['store'],
  'package-catalog': ['registry'],
  'package-source': ['store', 'registry'],
  'package-trust': ['signing'],
  'project-packages': ['imports'],
  referrers: ['registry'],
  registry: ['registry'],
  store: ['store'],
}

export type * from './dependencies.js'
export type * from './language.js'
export type * from './manifest.js'
export type * from './package-catalog.js'
export type * from './package-source.js'
export type * from './package-trust.js'
export type * from './project-packages.js'
export type * from './referrers.js'
export type * from './registry.js'
export type * from './store.js'
