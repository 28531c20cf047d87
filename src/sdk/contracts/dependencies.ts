/**
 * Dependency intelligence, owned by the depgen plugin: the validator that the store's build
 * calls, and the scanner shape it takes (languages provide their scanners through their
 * "language:<name>" capability, see language.ts; `languageScanners(config)` adapts them).
 */
import type {PackageManifest} from './manifest.js'

export interface ImportUse {
  /** The name as imported: "yaml", "lodash/fp", "@scope/pkg/sub". */
  module: string
  /** The distribution / npm package it belongs to: "PyYAML", "lodash", "@scope/pkg". */
  package: string
  file: string
  line: number
  /** TypeScript `import type`, Python `if TYPE_CHECKING:`: needed at compile/check time only. */
  typeOnly?: boolean
  /** Imported inside try/except (Python): the code has a fallback, so the package is optional. */
  optional?: boolean
  /** Other packages that satisfy this import when declared ("@types/x", "types-PyYAML", "psycopg2-binary"). */
  alternatives?: string[]
}

export interface LanguageScanner {
  /** Language names this scanner answers for, as in aigogo.json language.name. */
  readonly languages: readonly string[]
  /** File extensions it reads (".py", ".ts"). */
  readonly extensions: readonly string[]
  /**
   * Third-party imports used by the files (stdlib, builtins, relative and own modules left out).
   * With `language`, only that language's files are read (a scanner may answer for several).
   */
  scan(input: {dir: string; files: readonly string[]; packageName: string; language?: string}): Promise<ImportUse[]>
}

export interface DependencyReport {
  ok: boolean
  /** Imported but not declared. */
  missing: Array<{package: string; files: string[]; typeOnly?: boolean}>
  /** Declared but never imported. */
  unused: string[]
  /** Every third-party import found. */
  imports?: ImportUse[]
  /** Imported only with a fallback (try/except) and not declared: suggestions, not failures. */
  optional?: Array<{package: string; files: string[]}>
  /** Facts that do not fail validation: no scanner for the language, unpinned versions. */
  warnings?: string[]
}

export interface DependencyValidator {
  /**
   * `scanners`: the language scanners to use, normally every provided language's
   * (`await languageScanners(config)`), so a third-party language plugin takes part.
   * Capabilities receive no config, so the caller passes them; without it the validator uses
   * only its own plugin's scanners.
   */
  validate(input: {dir: string; manifest: PackageManifest; files: readonly string[]; scanners?: readonly LanguageScanner[]}): Promise<DependencyReport>
}

/** Reading dependencies declared elsewhere, for `aigogo add dep --from-pyproject|--from-package-json`. */
export interface DependencyImport {
  /** PEP 621 [project] dependencies and optional-dependencies, or Poetry's tables. */
  fromPyproject(file: string): Promise<ImportedDependencies>
  /** dependencies and devDependencies of a package.json. */
  fromPackageJson(file: string): Promise<ImportedDependencies>
}

export interface ImportedDependencies {
  runtime: import('./manifest.js').Dependency[]
  dev: import('./manifest.js').Dependency[]
  /** pyproject only: "pep621" or "poetry". */
  format?: 'pep621' | 'poetry' | 'package-json'
  /** requires-python (PEP 621) or tool.poetry.dependencies.python, or package.json engines.node. */
  languageVersion?: string
  /** Entries that cannot be expressed as package + version (git/path/url sources, peer dependencies). */
  skipped?: Array<{package: string; reason: string}>
}
