import {Args} from '@oclif/core'
import {AigogoCommand, printData, table} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {inspectPlugin, type PluginInspection} from '../../host/plugin-inspect.js'
import {describeOrigin} from '../../host/plugin-inventory.js'

function list(values: readonly string[]): string {
  return values.length === 0 ? '-' : values.join(', ')
}

function render(p: PluginInspection): string {
  const trust = p.trust === 'third-party' ? `third-party${p.trustedAt ? ` (trusted ${p.trustedAt})` : ''}` : p.trust === 'local' ? 'local (linked by you)' : 'first-party'
  const rows: string[][] = [
    ['name', p.name],
    ['package', p.package],
    ['version', p.version],
    ['origin', describeOrigin({...p, source: p.source === 'npm' ? 'npm' : undefined})],
    ...(p.description ? [['description', p.description]] : []),
    ...(p.source ? [['source', `${p.source}${p.tagPrefix ? ` (tags ${p.tagPrefix}vX.Y.Z)` : ''}`]] : []),
    ['trust', trust],
    ...(p.installedAt ? [['installed', p.installedAt]] : []),
    ['root', p.root],
    ...(p.stateDir ? [['state', p.stateDir]] : []),
    ['capabilities', list(Object.entries(p.capabilities).map(([name, module]) => `${name} (${module})`))],
    ['fast paths', list(Object.keys(p.fastPaths))],
    ['skills', list(p.assets.skills)],
    ['agents', list(p.assets.agents)],
    ['commands files', list(p.assets.commands)],
    ['placed', list([...p.placed.skills, ...p.placed.agents])],
  ]
  const commands = p.commandList.length === 0 ? ['', 'commands: none (it provides capabilities only)'] : ['', 'commands:', table(p.commandList.map((c) => [`  ${c.id}`, c.summary]))]
  return [table(rows.map(([k, v]) => [`${k}:`, v!])), ...commands].join('\n')
}

export default class PluginsInspect extends AigogoCommand {
  static override summary = 'Show one plugin in detail: origin, version, root, trust, commands, capabilities and assets.'
  static override examples = ['<%= config.bin %> plugins inspect store', '<%= config.bin %> plugins inspect acme-lint --json']
  static override args = {name: Args.string({description: 'plugin name (short name or npm package)', required: true})}

  async run(): Promise<PluginInspection> {
    const {args} = await this.parse(PluginsInspect)
    const result = await inspectPlugin(this.config, this.runnerContext(), await hostContext(KERNEL_ROOT), args.name)
    if (!this.json) printData(render(result))
    return result
  }
}
