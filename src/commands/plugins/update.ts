import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, say} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {type InstallResult, installPlugin} from '../../host/plugin-install.js'

export default class PluginsUpdate extends AigogoCommand {
  static override summary = 'Update an installed plugin to its latest stable release (or to --version); an npm plugin to the newest version its spec allows.'
  static override examples = ['<%= config.bin %> plugins update store', '<%= config.bin %> plugins update store --version v0.2.0']
  static override args = {name: Args.string({description: 'installed plugin name (or an npm plugin\'s package name)', required: true})}
  static override flags = {
    version: Flags.string({description: 'move to this release (vX.Y.Z), older or pre-release included; for npm, a version, range or dist-tag (recorded for later updates)'}),
    yes: Flags.boolean({char: 'y', default: false, description: 'trust a third-party source without asking'}),
  }

  async run(): Promise<InstallResult> {
    const {args, flags} = await this.parse(PluginsUpdate)
    const result = await installPlugin(await hostContext(KERNEL_ROOT), {mode: 'update', name: args.name, version: flags.version, yes: flags.yes})
    if (!this.json) {
      if (result.status === 'up-to-date') {
        printData(result.origin === 'npm'
          ? `${result.name} is already at ${result.version}, the newest version of ${result.package} its recorded spec allows`
          : `${result.name} is already at the latest stable version ${result.version}`)
      }
      else {
        printData(`updated ${result.name} to ${result.version}`)
        say(`→ Run \`${this.config.bin} ${result.name} --help\` to learn how to use ${result.name}.`)
      }
    }
    return result
  }
}
