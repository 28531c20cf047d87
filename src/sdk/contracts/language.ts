/**
 * A language as an extension point. A plugin provides a language by declaring one capability
 * per language, named "language:<name>", whose module's default export is a LanguageSupport:
 *
 *   "aigogo": {"capabilities": {"language:zig": "./dist/languages/zig.js"}}
 *
 * Several plugins may provide facets of the same language (aigogo's own python: the store gives
 * its extensions, depgen its scanner and show-deps formats, imports its wiring); the SDK's
 * `languageSupport(set, name)` merges them in load order, the first provider of a facet winning.
 * Language names are read from package.json alone, so listing them imports no module.
 */
import type {ImportUse} from './dependencies.js'
import type {PackageManifest} from './manifest.js'

export interface LanguageSupport {
  /** The name in aigogo.json "language.name"; equal to the <name> of its "language:<name>" key. */
  readonly name: string
  /** File extensions `"include": "auto"` packages, with the dot (".zig"). */
  readonly extensions?: readonly string[]
  /** The "language.version" `aigogo init` writes (">=0.13"). */
  readonly defaultVersion?: string
  /** Third-party imports used by the files (stdlib, relative and the package's own modules left out). */
  scan?(input: {dir: string; files: readonly string[]; packageName: string}): Promise<ImportUse[]>
  /** `aigogo show-deps --format <name>` renderers for packages of this language. */
  readonly dependencyFormats?: Readonly<Record<string, (manifest: PackageManifest) => string>>
  /** How installed packages of this language are wired into a project (install / uninstall). */
  readonly wiring?: LanguageWiring
}

/** A locked package of the language, present and intact in the store. */
export interface WiredPackage {
  /** The lock key: the name it is imported by. */
  key: string
  version: string
  /** The package's files in the store (read-only): link to them, never copy or edit them. */
  filesDir: string
  /** Relative paths of the package files, including aigogo.json. */
  files: readonly string[]
}

export interface WiringInput {
  projectDir: string
  /**
   * The staged .aigogo/ that replaces the project's .aigogo/ when every language is wired (a
   * failure anywhere leaves the old one in place). Write what belongs to the project under it,
   * preferably under `<stagingDir>/<language>/`; "imports/" is shared by aigogo's own languages.
   */
  stagingDir: string
  /** Where .aigogo/ will be once renamed into place (for paths written into files). */
  aigogoDir: string
  packages: readonly WiredPackage[]
  /** `aigogo install --python P`: the interpreter the user named (python's wiring). */
  interpreter?: string
  /** `aigogo install --break-system-packages`: write into an externally managed (PEP 668) Python too. */
  breakSystemPackages?: boolean
  env: NodeJS.ProcessEnv
  say(message: string): void
  /** Optional: call with the number of packages wired as they are wired (the install's progress line). */
  onWired?(count: number): void
}

export interface WiringResult {
  warnings?: string[]
  /** Files written outside .aigogo/ whose change makes the next install redo the work (the stamp covers them). */
  stampPaths?: string[]
  /** What `install --json` reports under "wiring.<language>". */
  details?: Record<string, unknown>
  /** Paths that do not exist now and whose appearance makes the next install redo the work (a new .venv). */
  stampAbsent?: string[]
  /** True when no cheap check can tell that this wiring is still right: the next install always does the work. */
  uncacheable?: boolean
}

export interface LanguageWiring {
  install(input: WiringInput): Promise<WiringResult>
  /**
   * `aigogo uninstall`: remove what install wrote OUTSIDE .aigogo/ (the host removes .aigogo/
   * itself afterwards). Returns the removed paths. Called for every language that has wiring,
   * whether or not it had packages, so it must be a no-op when nothing of its own is there.
   */
  uninstall?(input: {projectDir: string; aigogoDir: string}): Promise<string[]>
}
