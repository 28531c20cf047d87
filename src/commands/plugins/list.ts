import {AigogoCommand} from '@aigogo/sdk'
import type {PluginInfo} from '../../host/plugin-inventory.js'
import runPluginsList from '../../runners/plugins-list.js'

export default class PluginsList extends AigogoCommand {
  static override summary = 'List plugins: name, version, and whether each is bundled, installed or linked.'
  static override examples = ['<%= config.bin %> plugins list', '<%= config.bin %> plugins list --json']
  static override runner = './dist/runners/plugins-list.js'

  async run(): Promise<{plugins: PluginInfo[]}> {
    return (await this.runWith(runPluginsList)) as {plugins: PluginInfo[]}
  }
}
