/**
 * The base class of every aigogo command, kernel and plugins alike: a --json flag, and
 * errors left to the kernel's single renderer instead of oclif's.
 */
import {Command} from '@oclif/core'

export abstract class AigogoCommand extends Command {
  static override enableJsonFlag = true

  /** Errors go to the top level, which renders them once (text or JSON) with their exit code. */
  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    throw error
  }

  /** True when --json was given: print data as JSON on stdout and keep stderr quiet. */
  protected get json(): boolean {
    return this.jsonEnabled()
  }
}
