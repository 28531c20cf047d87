import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, say} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {nextStepHint} from '../../host/install-hint.js'
import {type InstallResult, installPlugin} from '../../host/plugin-install.js'

export default class PluginsUpdate extends AigogoCommand {
  static override summary = 'Update an installed plugin to its latest stable release (or to --version).'
  static override examples = ['<%= config.bin %> plugins update store', '<%= config.bin %> plugins update store --version v0.2.0']
  static override args = {name: Args.string({description: 'installed plugin name', required: true})}
  static override flags = {
    version: Flags.string({description: 'move to this release (vX.Y.Z), older or pre-release included'}),
    yes: Flags.boolean({char: 'y', default: false, description: 'trust a third-party source without asking'}),
  }

  async run(): Promise<InstallResult> {
    const {args, flags} = await this.parse(PluginsUpdate)
    const result = await installPlugin(await hostContext(KERNEL_ROOT), {mode: 'update', name: args.name, version: flags.version, yes: flags.yes})
    if (!this.json) {
      if (result.status === 'up-to-date') printData(`${result.name} is already at the latest stable version ${result.version}`)
      else {
        printData(`updated ${result.name} to ${result.version}`)
        say(nextStepHint(this.config.bin, result.name, {capabilities: result.capabilities ?? [], commands: result.commands ?? []}))
      }
    }
    return result
  }
}
