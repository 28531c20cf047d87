import {Args} from '@oclif/core'
import {AigogoCommand, say, SETTINGS, settingsFile, settingSpec, type SettingValue, updateSetting, usageError} from '@aigogo/sdk'

const KEYS = Object.entries(SETTINGS).map(([key, spec]) => `  ${key}: ${spec.description}`).join('\n')

export default class ConfigSet extends AigogoCommand {
  static override summary = 'Set a setting in AIGOGO_HOME/config.json (a list setting takes one or more values).'
  static override description = `Settings:\n${KEYS}`
  static override strict = false
  static override args = {
    key: Args.string({description: `the setting: ${Object.keys(SETTINGS).join(', ')}`, required: true}),
    value: Args.string({description: 'its value (several for a list: they replace the list)', required: true}),
  }

  static override examples = ['<%= config.bin %> config set registry localhost:5000', '<%= config.bin %> config set registry localhost:5000 registry.example.com', '<%= config.bin %> config set search.max-repositories 2000']

  async run(): Promise<{key: string; value: SettingValue; file: string}> {
    const {args, argv} = await this.parse(ConfigSet)
    const spec = settingSpec(args.key)
    const values = (argv as string[]).slice(1)
    if (!spec.list && values.length > 1) throw usageError('CONFIG_VALUE_INVALID', `${args.key} takes one value, not ${values.length}`, [`aigogo config set ${args.key} <value>`], {key: args.key})
    const value = spec.parse(values)
    await updateSetting(args.key, value)
    if (!this.json) say(`${args.key} = ${Array.isArray(value) ? value.join(' ') : value}`)
    return {file: settingsFile(), key: args.key, value}
  }
}
