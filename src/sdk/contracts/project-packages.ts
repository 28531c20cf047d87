/**
 * A project's packages as other plugins (the MCP server) see them: add one to aigogo.lock,
 * install the lock, list what is installed. Provided by the imports plugin, whose commands call
 * the same functions, so every rule of `aigogo add` / `aigogo install` applies to callers too.
 */
import type {PluginSet} from '../capabilities.js'
import type {PackageManifest} from './manifest.js'

export interface ProjectContext {
  /** The directory to work in; the lock is found from here upwards, as the CLI does. */
  cwd: string
  /** The loaded plugins (an oclif Config), for the store and the package sources. */
  plugins: PluginSet
  /** Progress talk (stderr); silent when absent. */
  say?: (message: string) => void
}

export interface AddedPackage {
  lockFile: string
  key: string
  name: string
  version: string
  language: string
  integrity: string
  source: string
  digest?: string
  /** The key already existed and was replaced. */
  replaced: boolean
  import: string
}

export interface InstalledProjectPackage {
  /** The lock key: the import name (`from aigogo.<key> import …`, `@aigogo/<key>`). */
  key: string
  name: string
  version: string
  language: string
  source: string
  integrity: string
  /** The line that imports it. */
  import: string
  /** Whether .aigogo/ currently wires it (false: in the lock, not installed yet). */
  installed: boolean
  /** The package's `ai` block, when the stored package has one. */
  ai?: PackageManifest['ai']
  description?: string
}

export interface ProjectInstallSummary {
  lockFile: string
  projectDir: string
  upToDate: boolean
  fetched: number
  packages: Array<{name: string; version: string; language: string; import: string}>
  warnings: string[]
}

export interface ProjectPackagesCapability {
  add(ref: string, context: ProjectContext): Promise<AddedPackage>
  install(context: ProjectContext & {python?: string; frozen?: boolean}): Promise<ProjectInstallSummary>
  /** The lock's packages with what the store knows of them; LOCK_NOT_FOUND when there is no lock. */
  installed(context: ProjectContext): Promise<{lockFile: string; projectDir: string; packages: InstalledProjectPackage[]}>
}
