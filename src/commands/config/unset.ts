import {Args} from '@oclif/core'
import {AigogoCommand, say, SETTINGS, settingSpec, updateSetting} from '@aigogo/sdk'

export default class ConfigUnset extends AigogoCommand {
  static override summary = 'Remove a setting from AIGOGO_HOME/config.json (back to its default).'
  static override args = {key: Args.string({description: `the setting: ${Object.keys(SETTINGS).join(', ')}`, required: true})}
  static override examples = ['<%= config.bin %> config unset registry']

  async run(): Promise<{key: string; removed: boolean}> {
    const {args} = await this.parse(ConfigUnset)
    settingSpec(args.key)
    const removed = await updateSetting(args.key, undefined)
    if (!this.json) say(removed ? `${args.key} unset.` : `${args.key} was not set; nothing to do.`)
    return {key: args.key, removed}
  }
}
