import {Flags} from '@oclif/core'
import {AigogoCommand, confirmAction, printData, printJson, say} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {batchError, failuresOf} from '../../host/plugin-batch.js'
import {type ResetOutcome, resetPlan, resetPlugins} from '../../host/plugin-reset.js'

export default class PluginsReset extends AigogoCommand {
  static override summary = 'Remove every installed and linked plugin and their skills, commands and agents (bundled plugins stay).'
  static override description =
    'Asks on a terminal; off a terminal it needs --yes. Each plugin is removed as `plugins remove` would: its state/ is kept, ' +
    'and a bundled first-party plugin an installed one shadowed is used again. Linked working directories are never touched.'
  static override examples = ['<%= config.bin %> plugins reset', '<%= config.bin %> plugins reset --yes --json']
  static override flags = {
    yes: Flags.boolean({char: 'y', default: false, description: 'remove them without asking'}),
  }

  async run(): Promise<{status: 'reset' | 'nothing-to-reset' | 'cancelled'; plugins: ResetOutcome[]}> {
    const {flags} = await this.parse(PluginsReset)
    const context = await hostContext(KERNEL_ROOT)
    const plan = await resetPlan(context)
    if (plan.length === 0) {
      if (!this.json) printData('nothing to reset: no plugin is installed or linked')
      return {plugins: [], status: 'nothing-to-reset'}
    }
    const confirmed = await confirmAction({
      action: `resetting the plugins (removing ${plan.length})`,
      details: {plugins: plan.map((p) => ({kind: p.kind, name: p.name, version: p.version}))},
      question: 'Remove them all?',
      warning: [`This removes ${plan.length} plugin(s) and the skills, commands and agents they installed:`, ...plan.map((p) => `  • ${p.name} ${p.version} (${p.kind})`)].join('\n'),
      yes: flags.yes,
    })
    if (!confirmed) {
      if (!this.json) say('Cancelled; nothing removed.')
      return {plugins: [], status: 'cancelled'}
    }
    const outcomes = await resetPlugins(context, plan, (o) => {
      if (this.json) return
      if (o.status === 'failed') say(`failed to remove ${o.name}: ${o.error.message}`)
      else printData(`removed ${o.name}${o.fallback ? ` (the bundled ${o.fallback} is used again)` : ''}`)
    })
    const result = {plugins: outcomes, status: 'reset' as const}
    const failures = failuresOf(outcomes)
    if (failures.length > 0) {
      if (this.json) printJson(result)
      throw batchError('PLUGINS_RESET_INCOMPLETE', 'be removed', outcomes.length, failures)
    }
    return result
  }
}
