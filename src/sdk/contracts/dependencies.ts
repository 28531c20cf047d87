/**
 * Dependency intelligence, owned by the depgen plugin: language scanners (one per language,
 * third parties may add more) and the validator that the store's build calls.
 */
import type {PackageManifest} from './manifest.js'

export interface ImportUse {
  /** The name as imported: "yaml", "lodash/fp", "@scope/pkg/sub". */
  module: string
  /** The distribution / npm package it belongs to: "PyYAML", "lodash", "@scope/pkg". */
  package: string
  file: string
  line: number
  /** TypeScript `import type`: needed at compile time only. */
  typeOnly?: boolean
}

export interface LanguageScanner {
  /** Language names this scanner answers for, as in aigogo.json language.name. */
  readonly languages: readonly string[]
  /** File extensions it reads (".py", ".ts"). */
  readonly extensions: readonly string[]
  /** Third-party imports used by the files (stdlib, builtins, relative and own modules left out). */
  scan(input: {dir: string; files: readonly string[]; packageName: string}): Promise<ImportUse[]>
}

export interface DependencyReport {
  ok: boolean
  /** Imported but not declared. */
  missing: Array<{package: string; files: string[]}>
  /** Declared but never imported. */
  unused: string[]
}

export interface DependencyValidator {
  validate(input: {dir: string; manifest: PackageManifest; files: readonly string[]}): Promise<DependencyReport>
}

/** Reading dependencies declared elsewhere, for `aigogo add dep --from-pyproject|--from-package-json`. */
export interface DependencyImport {
  /** PEP 621 [project] dependencies and optional-dependencies, or Poetry's tables. */
  fromPyproject(file: string): Promise<{runtime: import('./manifest.js').Dependency[]; dev: import('./manifest.js').Dependency[]}>
  /** dependencies and devDependencies of a package.json. */
  fromPackageJson(file: string): Promise<{runtime: import('./manifest.js').Dependency[]; dev: import('./manifest.js').Dependency[]}>
}
