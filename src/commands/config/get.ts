import {Args} from '@oclif/core'
import {AigogoCommand, printData, readSettings, SETTINGS, settingSpec, type SettingValue} from '@aigogo/sdk'

export default class ConfigGet extends AigogoCommand {
  static override summary = 'Print a setting (one value per line); nothing when it is not set.'
  static override args = {key: Args.string({description: `the setting: ${Object.keys(SETTINGS).join(', ')}`, required: true})}
  static override examples = ['<%= config.bin %> config get registry']

  async run(): Promise<{key: string; value: SettingValue | null}> {
    const {args} = await this.parse(ConfigGet)
    settingSpec(args.key)
    const value = (await readSettings())[args.key]
    if (!this.json && value !== undefined) printData(Array.isArray(value) ? value.join('\n') : String(value))
    return {key: args.key, value: value ?? null}
  }
}
