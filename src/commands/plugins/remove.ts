import {Args} from '@oclif/core'
import {AigogoCommand, printData, say} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {removePlugin, type RemoveResult} from '../../host/plugin-remove.js'

export default class PluginsRemove extends AigogoCommand {
  static override summary = 'Remove an installed or linked plugin and its skills, commands and agents (its state/ is kept).'
  static override aliases = ['plugins:uninstall', 'plugins:unlink']
  static override examples = ['<%= config.bin %> plugins remove acme-lint', '<%= config.bin %> plugins uninstall acme-lint', '<%= config.bin %> plugins unlink acme-lint']
  static override args = {name: Args.string({description: 'installed plugin name (or an npm plugin\'s package name)', required: true})}

  async run(): Promise<RemoveResult> {
    const {args} = await this.parse(PluginsRemove)
    const result = await removePlugin(await hostContext(KERNEL_ROOT), args.name)
    if (!this.json) {
      printData(`removed ${result.name}${result.fallback ? ` (the bundled ${result.fallback} is used again)` : ''}`)
      if (result.keptState) say(`kept ${result.keptState}: the plugin's own runtime data; delete it by hand if you no longer need it`)
    }
    return result
  }
}
