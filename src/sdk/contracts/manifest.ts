/**
 * aigogo.json as a pure schema. The store plugin owns reading, validating and writing it
 * (the "manifest" capability); everyone else sees only these types.
 * Field order and meaning follow the upstream Go aigogo so both tools read each other's files.
 */

/**
 * A language name ("python", "zig"). Which ones exist is not fixed here: plugins provide them
 * ("language:<name>" capabilities, see language.ts); `languageNames(config)` lists them.
 */
export type LanguageName = string

export interface Dependency {
  package: string
  version: string
  optional?: boolean
}

export interface PackageManifest {
  $schema?: string
  name: string
  version: string
  description?: string
  author?: string
  language: {name: LanguageName; runtime?: string; version: string}
  dependencies?: {runtime?: Dependency[]; dev?: Dependency[]}
  files: {include?: 'auto' | string | string[]; exclude?: string[]}
  scripts?: Record<string, string>
  metadata?: {license?: string; homepage?: string; tags?: string[]; extra?: Record<string, string>}
  ai?: {summary: string; capabilities: string[]; usage?: string; inputs?: string; outputs?: string}
  /** Unknown keys are kept and written back unchanged. */
  [key: string]: unknown
}

export interface LoadedManifest {
  /** Absolute path of aigogo.json. */
  path: string
  /** The directory that holds it: the package root. */
  dir: string
  manifest: PackageManifest
}

export interface ManifestOptions {
  /** The languages to accept; see ManifestCapability.load. */
  languages?: readonly string[]
}

export interface ManifestCapability {
  /** Walks up from startDir to the nearest directory holding aigogo.json (upstream rules). */
  find(startDir: string): Promise<string | undefined>
  /**
   * Reads and validates <dir>/aigogo.json; a coded error names the field, or the line and column.
   * With `languages` (the provided ones: `languageNames(config)`), a language none of them is
   * refused (LANGUAGE_UNSUPPORTED); without, any well-formed language name is accepted.
   */
  load(dir: string, options?: ManifestOptions): Promise<LoadedManifest>
  /** Validates bytes already in memory (a manifest from a registry or the store). */
  parse(text: string, origin: string, options?: ManifestOptions): PackageManifest
}
