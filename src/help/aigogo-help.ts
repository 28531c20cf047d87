/**
 * oclif's help with one change: help for words that are no command and no topic
 * (`aigogo nosuch --help`, `aigogo plugins nosuch -h`) is the same UNKNOWN_COMMAND usage error
 * as `aigogo nosuch`, not oclif's uncoded "Command nosuch not found" (which became INTERNAL).
 * Loaded by oclif (package.json "oclif.helpClass") only when help is shown.
 */
import {Help} from '@oclif/core'
import {getHelpFlagAdditions, standardizeIDFromArgv} from '@oclif/core/help'

import {unknownCommand} from '../host/unknown-command.js'

export default class AigogoHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    const subject = this.subjectOf(argv)
    if (subject !== undefined && !this.config.findCommand(subject) && !this.config.findTopic(subject)) {
      throw unknownCommand(this.config, subject)
    }
    await super.showHelp(argv)
  }

  /** The command or topic oclif's showHelp would look up (its getHelpSubject is not exported). */
  private subjectOf(argv: string[]): string | undefined {
    const helpFlags = getHelpFlagAdditions(this.config)
    let words = argv.filter((arg) => !helpFlags.includes(arg))
    if (this.config.topicSeparator !== ':') words = standardizeIDFromArgv(words, this.config)
    for (const word of words) {
      if (word === '--' || word.startsWith('-')) return undefined
      if (word !== 'help') return word
    }
    return undefined
  }
}
