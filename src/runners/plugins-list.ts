/** `aigogo plugins list`: name, version and origin of each loaded plugin. */
import {type CommandRunner, aigogoDirs, printData, table} from '@aigogo/sdk/core'

import {describeOrigin, loadedPlugins} from '../host/plugin-inventory.js'
import {readPluginStateSync} from '../host/plugin-state.js'

const runPluginsList: CommandRunner = async (input, context) => {
  // Read the state file here so a corrupt one is reported in full, not just warned about.
  readPluginStateSync(aigogoDirs().state)
  const plugins = loadedPlugins(context)
  if (!input.json) {
    printData(table([['NAME', 'VERSION', 'ORIGIN'], ...plugins.map((p) => [p.name, p.version, describeOrigin(p)])]))
  }
  return {plugins}
}

export default runPluginsList
