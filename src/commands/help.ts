import {Args, loadHelpClass} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import {unknownCommand} from '../host/unknown-command.js'

/** `aigogo help [command...]`: the same help `--help` and `-h` print, for people and agents who type it first. */
export default class Help extends AigogoCommand {
  static override summary = 'Show help for aigogo or for one of its commands.'
  static override examples = ['<%= config.bin %> help', '<%= config.bin %> help push', '<%= config.bin %> help plugins install']
  static override enableJsonFlag = false
  static override strict = false
  static override args = {command: Args.string({description: 'the command or topic, e.g. "push" or "plugins install"'})}

  async run(): Promise<void> {
    const {argv} = await this.parse(Help)
    const words = argv as string[]
    const id = words.join(':')
    if (id !== '' && !this.config.findCommand(id) && !this.config.findTopic(id)) throw unknownCommand(this.config, id)
    const HelpClass = await loadHelpClass(this.config)
    await new HelpClass(this.config).showHelp(words)
  }
}
