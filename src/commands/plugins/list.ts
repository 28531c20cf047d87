import {AigogoCommand, aigogoDirs, printData, table} from '@aigogo/sdk'

import {describeOrigin, loadedPlugins, type PluginInfo} from '../../host/plugin-inventory.js'
import {readPluginState} from '../../host/plugin-state.js'

export default class PluginsList extends AigogoCommand {
  static override summary = 'List plugins: name, version, and whether each is bundled, installed or linked.'
  static override examples = ['<%= config.bin %> plugins list', '<%= config.bin %> plugins list --json']

  async run(): Promise<{plugins: PluginInfo[]}> {
    await this.parse(PluginsList)
    // Read the state file here so a corrupt one is reported in full, not just warned about.
    await readPluginState(aigogoDirs().state)
    const plugins = loadedPlugins(this.config)
    if (!this.json) {
      printData(table([['NAME', 'VERSION', 'ORIGIN'], ...plugins.map((p) => [p.name, p.version, describeOrigin(p)])]))
    }
    return {plugins}
  }
}
