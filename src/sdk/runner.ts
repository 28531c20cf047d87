/**
 * A command's work as a plain function, so the kernel can run it straight from the oclif
 * manifest without loading oclif (importing oclif costs more than starting node). The command
 * class names the module in a static property the manifest records,
 *
 *   static override runner = './dist/runners/list.js'   // relative to the plugin root
 *
 * and its run() is `return this.runWith(runList)` (AigogoCommand). The module imports only node
 * built-ins and "@aigogo/sdk/core", and its default export is the runner. The kernel's dispatcher
 * (src/dispatch/) parses the command line from the manifest and calls the runner itself when it
 * can do so exactly as oclif would (boolean flags and string arguments, no hooks; for the
 * kernel's and bundled plugins' commands also option flags, as the string typed: such a command
 * gives its option flags no parser of its own and validates them in the runner); anything else
 * goes through oclif, which calls the same runner.
 */
import type {PluginSource} from './capabilities.js'
import type {CapabilityContracts, CapabilityName} from './contracts/index.js'

export interface CommandInput {
  flags: Record<string, unknown>
  args: Record<string, unknown>
  /** The positional arguments, in order. */
  argv: readonly string[]
  /** True when --json was given: the runner prints nothing on stdout and returns the data. */
  json: boolean
}

/** A loaded plugin as a runner sees it; the kernel adds where it came from. */
export interface RunnerPlugin extends PluginSource {
  origin?: 'kernel' | 'bundled' | 'installed' | 'linked'
  /** "npm" for an installed plugin that came from npm (AIGOGO_HOME/npm-plugins). */
  source?: 'npm'
  version: string
  /** How many commands the plugin's manifest lists. */
  commands: number
}

/**
 * Where the full CLI's discovery recorded a loaded oclif plugin's origin (a property of the plugin
 * instance), so AigogoCommand.runnerContext gives runners the same origins as the dispatcher.
 */
export const PLUGIN_ORIGIN = Symbol.for('aigogo.plugin-origin')

export interface PluginOriginMark {
  origin: NonNullable<RunnerPlugin['origin']>
  source?: 'npm'
}

export interface RunnerContext {
  /** The CLI's name ("aigogo"), for hints. */
  bin: string
  /** The kernel's version and root directory. */
  version: string
  root: string
  /** The loaded plugins in load order, the kernel first, as the full CLI loads them. */
  plugins: readonly RunnerPlugin[]
  capability<K extends CapabilityName>(name: K): Promise<CapabilityContracts[K]>
}

/** Returns the command's data (printed as JSON with --json); prints its text itself otherwise. */
export type CommandRunner = (input: CommandInput, context: RunnerContext) => Promise<unknown>
