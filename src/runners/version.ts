/** `aigogo version`: the kernel's version and where each plugin was loaded from. */
import {type CommandRunner, printData, table} from '@aigogo/sdk/core'

import {describeOrigin, loadedPlugins, type PluginInfo} from '../host/plugin-inventory.js'

export interface VersionReport {
  aigogo: string
  node: string
  platform: string
  plugins: PluginInfo[]
}

const runVersion: CommandRunner = async (input, context) => {
  const report: VersionReport = {
    aigogo: context.version,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    plugins: loadedPlugins(context),
  }
  if (!input.json) {
    printData(`aigogo ${report.aigogo} (node ${report.node}, ${report.platform})`)
    printData(table(report.plugins.map((p) => [`  ${p.name}`, p.version, describeOrigin(p)])))
  }
  return report
}

export default runVersion
