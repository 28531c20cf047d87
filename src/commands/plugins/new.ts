import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, say} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {scaffoldPlugin, type ScaffoldResult} from '../../host/plugin-scaffold.js'

export default class PluginsNew extends AigogoCommand {
  static override summary = 'Write a new plugin: TypeScript, a command, a capability, an agent skill, tests and the release packing script.'
  static override description =
    'Creates ./aigogo-plugin-<name> (or --dir), which must not exist or be empty. Then: npm install, npm run build, npm test, ' +
    'npm run pack (release/ holds the GitHub release assets), and `aigogo plugins link .` to try it in place. See docs/PLUGINS.md.'
  static override examples = ['<%= config.bin %> plugins new hello', '<%= config.bin %> plugins new acme-lint --dir ./lint-plugin']
  static override args = {name: Args.string({description: 'plugin name: lower-case letters, digits and dashes (its command topic and asset namespace)', required: true})}
  static override flags = {
    dir: Flags.string({description: 'where to write it (default ./aigogo-plugin-<name>); must not exist or be empty'}),
  }

  async run(): Promise<ScaffoldResult> {
    const {args, flags} = await this.parse(PluginsNew)
    const result = await scaffoldPlugin(await hostContext(KERNEL_ROOT), args.name, flags.dir)
    if (!this.json) {
      printData(`created ${result.package} in ${result.dir}`)
      say(`→ cd ${result.dir} && npm install && npm run build && npm test && npm run pack`)
      say('→ try it in place: aigogo plugins link .   release it: docs/PLUGINS.md, "Quick start for plugin authors"')
    }
    return result
  }
}
