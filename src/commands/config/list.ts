import {AigogoCommand, printData, readSettings, settingsFile, type Settings} from '@aigogo/sdk'

export default class ConfigList extends AigogoCommand {
  static override summary = 'List the settings of AIGOGO_HOME/config.json.'
  static override examples = ['<%= config.bin %> config list', '<%= config.bin %> config list --json']

  async run(): Promise<{file: string; settings: Settings}> {
    await this.parse(ConfigList)
    const settings = await readSettings()
    const file = settingsFile()
    if (!this.json) {
      const lines = Object.entries(settings).map(([key, value]) => `${key} = ${Array.isArray(value) ? value.join(' ') : value}`)
      printData(lines.length > 0 ? lines.join('\n') : `No settings (${file}); see aigogo config set --help`)
    }
    return {file, settings}
  }
}
