/**
 * The base class of every aigogo command, kernel and plugins alike: a --json flag, and
 * errors left to the kernel's single renderer instead of oclif's.
 */
import {Command, type Interfaces} from '@oclif/core'

import {AigogoError, usageError} from './errors.js'

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

  /** True when --json was given: print data as JSON on stdout and keep stderr quiet. */
  protected get json(): boolean {
    return this.jsonEnabled()
  }
}
