import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, printJson, say, usageError} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {batchError, failuresOf} from '../../host/plugin-batch.js'
import {nextStepHint} from '../../host/install-hint.js'
import {type InstallResult, installPlugin} from '../../host/plugin-install.js'
import {updateAllPlugins, type UpdateOutcome} from '../../host/plugin-update-all.js'

export default class PluginsUpdate extends AigogoCommand {
  static override summary = 'Update an installed plugin (or, without a name, every installed plugin) to its latest stable release; an npm plugin to the newest version its spec allows.'
  static override description =
    'Without a name every installed plugin is updated in turn: each is its own transaction, one failure does not stop the others, ' +
    'and the command exits non-zero (PLUGINS_UPDATE_INCOMPLETE) when any failed. Linked plugins are skipped.'
  static override examples = [
    '<%= config.bin %> plugins update',
    '<%= config.bin %> plugins update store',
    '<%= config.bin %> plugins update store --version v0.2.0',
  ]
  static override args = {name: Args.string({description: 'installed plugin name (or an npm plugin\'s package name); omit it to update every installed plugin'})}
  static override flags = {
    version: Flags.string({description: 'move to this release (vX.Y.Z), older or pre-release included; for npm, a version, range or dist-tag (recorded for later updates); needs a name'}),
    yes: Flags.boolean({char: 'y', default: false, description: 'trust a third-party source without asking'}),
  }

  async run(): Promise<InstallResult | {plugins: UpdateOutcome[]}> {
    const {args, flags} = await this.parse(PluginsUpdate)
    const context = await hostContext(KERNEL_ROOT)
    if (args.name === undefined) {
      if (flags.version) {
        throw usageError('USAGE', '--version needs a plugin name: each plugin has its own versions', ['name the plugin: aigogo plugins update <name> --version vX.Y.Z'])
      }
      return this.updateAll(context, flags.yes)
    }
    const result = await installPlugin(context, {mode: 'update', name: args.name, version: flags.version, yes: flags.yes})
    if (!this.json) this.report(result)
    return result
  }

  private async updateAll(context: Awaited<ReturnType<typeof hostContext>>, yes: boolean): Promise<{plugins: UpdateOutcome[]}> {
    const plugins = await updateAllPlugins(context, yes, (o) => {
      if (this.json) return
      if (o.status === 'failed') say(`failed to update ${o.name}: ${o.error.message}`)
      else if (o.status === 'skipped') printData(`skipped ${o.name} (${o.reason})`)
      else this.report(o, false)
    })
    if (plugins.length === 0 && !this.json) printData('no installed plugins to update')
    const failures = failuresOf(plugins)
    if (failures.length > 0) {
      if (this.json) printJson({plugins})
      throw batchError('PLUGINS_UPDATE_INCOMPLETE', 'update', plugins.filter((o) => o.status !== 'skipped').length, failures)
    }
    return {plugins}
  }

  private report(result: InstallResult, hint = true): void {
    if (result.status === 'up-to-date') {
      printData(result.origin === 'npm'
        ? `${result.name} is already at ${result.version}, the newest version of ${result.package} its recorded spec allows`
        : `${result.name} is already at the latest stable version ${result.version}`)
    }
    else {
      printData(`updated ${result.name} to ${result.version}`)
      if (hint) say(nextStepHint(this.config.bin, result.name, {capabilities: result.capabilities ?? [], commands: result.commands ?? []}))
    }
  }
}
