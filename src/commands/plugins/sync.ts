import {AigogoCommand, printData, table} from '@aigogo/sdk'

import {syncAllAssets, type SyncAllResult} from '../../host/assets-sync-all.js'
import {hostContext} from '../../host/host-context.js'
import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {loadedPlugins} from '../../host/plugin-inventory.js'

export default class PluginsSync extends AigogoCommand {
  static override summary = 'Re-install the skills, commands and agents of aigogo and every plugin into every AI-tool target.'
  static override examples = ['<%= config.bin %> plugins sync']

  async run(): Promise<SyncAllResult> {
    await this.parse(PluginsSync)
    const loaded = loadedPlugins(this.runnerContext()).map((p) => ({name: p.name, origin: p.origin, root: p.root}))
    const result = await syncAllAssets(await hostContext(KERNEL_ROOT), loaded)
    if (!this.json) {
      if (result.targets.length === 0) printData('no AI-tool targets configured or detected (see docs/PLUGINS.md, "Targets")')
      else printData(table([['TARGET', 'ROOT'], ...result.targets.map((t) => [t.name, t.root])]))
    }
    return result
  }
}
