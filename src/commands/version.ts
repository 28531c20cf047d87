import {AigogoCommand, printData, table} from '@aigogo/sdk'

import {describeOrigin, loadedPlugins, type PluginInfo} from '../host/plugin-inventory.js'

export interface VersionReport {
  aigogo: string
  node: string
  platform: string
  plugins: PluginInfo[]
}

export default class Version extends AigogoCommand {
  static override summary = 'Show the kernel version and where each plugin was loaded from.'
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json']

  async run(): Promise<VersionReport> {
    await this.parse(Version)
    const report: VersionReport = {
      aigogo: this.config.version,
      node: process.version,
      platform: `${this.config.platform}-${this.config.arch}`,
      plugins: loadedPlugins(this.config),
    }
    if (!this.json) {
      printData(`aigogo ${report.aigogo} (node ${report.node}, ${report.platform})`)
      printData(table(report.plugins.map((p) => [`  ${p.name}`, p.version, describeOrigin(p)])))
    }
    return report
  }
}
