import {Args} from '@oclif/core'
import {AigogoCommand, printData, say} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {nextStepHint} from '../../host/install-hint.js'
import {linkPlugin, type LinkResult} from '../../host/plugin-link.js'

export default class PluginsLink extends AigogoCommand {
  static override summary = 'Use a plugin from a working directory (for plugin authors); build it first.'
  static override examples = ['<%= config.bin %> plugins link ./my-plugin']
  static override args = {dir: Args.directory({description: 'the plugin\'s root folder', exists: true, required: true})}

  async run(): Promise<LinkResult> {
    const {args} = await this.parse(PluginsLink)
    const result = await linkPlugin(await hostContext(KERNEL_ROOT), args.dir)
    if (!this.json) {
      printData(`linked ${result.name} ${result.version} from ${result.root}`)
      say(nextStepHint(this.config.bin, result.name, result))
    }
    return result
  }
}
