/**
 * The base class of every aigogo command, kernel and plugins alike: a --json flag, and
 * errors left to the kernel's single renderer instead of oclif's.
 */
import {Command, type Interfaces} from '@oclif/core'

import {capability} from './capabilities.js'
import {AigogoError, usageError} from './errors.js'
import {type CommandInput, type CommandRunner, PLUGIN_ORIGIN, type PluginOriginMark, type RunnerContext, type RunnerPlugin} from './runner.js'

// oclif's parser output constraints, which its entry points do not export (same shape, so parse() can be overridden).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FlagOutput = {[name: string]: any}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ArgOutput = {[name: string]: any}

/**
 * What shell completion offers beyond command words and flag names (read by `aigogo completion`,
 * which loads the command classes): values of a flag that has no oclif `options` (its parser
 * stays the command's own), and "local-builds" for the `name:tag` refs of `aigogo list`.
 */
export interface CompletionHints {
  flags?: Record<string, readonly string[] | 'local-builds'>
  /** What the first positional argument takes. */
  args?: 'local-builds'
}

export abstract class AigogoCommand extends Command {
  static override enableJsonFlag = true
  static completion?: CompletionHints
  /** The module (relative to the plugin root) whose default export is this command's runner (src/sdk/runner.ts). */
  static runner?: string

  /** Errors go to the top level, which renders them once (text or JSON) with their exit code. */
  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    throw error
  }

  /**
   * Every failure to parse the command line is a usage error (exit 1). oclif's parser classes carry
   * `parse` and are mapped by the kernel (unknown flags, with their values masked); the parser also
   * throws plain errors ("Flag --from expects a value"), which would otherwise look like bugs.
   */
  protected override async parse<F extends FlagOutput, B extends FlagOutput, A extends ArgOutput>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    try {
      return await super.parse(options, argv)
    } catch (error) {
      if (AigogoError.is(error) || (error as {parse?: unknown}).parse !== undefined) throw error
      const message = (error instanceof Error ? error.message : String(error)).replace(/\n*See more help with --help\s*$/, '').trim()
      throw usageError('USAGE', message, [`see the usage: aigogo ${this.id?.replaceAll(':', ' ') ?? ''} --help`.replace('  ', ' ')])
    }
  }

  /** Parses the command line and hands the work to the runner the dispatcher also calls without oclif. */
  protected async runWith(runner: CommandRunner): Promise<unknown> {
    const {args, argv, flags} = await this.parse(this.ctor as unknown as Interfaces.Input<FlagOutput, FlagOutput, ArgOutput>)
    const input: CommandInput = {args, argv: argv as string[], flags, json: this.json}
    return runner(input, this.runnerContext())
  }

  /** What a runner knows of the loaded CLI, from oclif's Config (origins as the kernel's discovery marked them). */
  protected runnerContext(): RunnerContext {
    const plugins: RunnerPlugin[] = [...this.config.plugins.values()].map((p) => {
      const mark = (p as unknown as {[PLUGIN_ORIGIN]?: PluginOriginMark})[PLUGIN_ORIGIN]
      return {commands: p.commands.length, name: p.name, pjson: p.pjson, root: p.root, version: p.version, ...mark}
    })
    return {bin: this.config.bin, capability: (name) => capability(plugins, name), plugins, root: this.config.root, version: this.config.version}
  }

  /** True when --json was given: print data as JSON on stdout and keep stderr quiet. */
  protected get json(): boolean {
    return this.jsonEnabled()
  }
}
