import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, say} from '@aigogo/sdk'

import {KERNEL_ROOT} from '../../host/kernel-root.js'
import {hostContext} from '../../host/host-context.js'
import {nextStepHint} from '../../host/install-hint.js'
import {type InstallResult, installPlugin} from '../../host/plugin-install.js'

export default class PluginsInstall extends AigogoCommand {
  static override summary = 'Install a plugin: first-party by name, from npm by package name, or from a GitHub release with --source.'
  static override description =
    'A first-party name downloads aigogo-plugin-<name>-<X.Y.Z>.tgz from its release, checks it against the release\'s checksums.txt ' +
    'and unpacks it into AIGOGO_HOME/plugins/<name>/; --source does the same for a third-party GitHub repository. Any other name is an ' +
    'npm package (or a tarball URL), installed with its dependencies by your npm from the registry your npm config names, into ' +
    'AIGOGO_HOME/npm-plugins/. The plugin\'s skills, commands and agents go into your AI tools. ' +
    'Third-party plugins run code on your machine: they need --yes or a "y" on a terminal.'
  static override examples = [
    '<%= config.bin %> plugins install store',
    '<%= config.bin %> plugins install store --version v0.3.0',
    '<%= config.bin %> plugins install acme-lint --source github.com/acme/aigogo-plugin-lint --yes',
    '<%= config.bin %> plugins install @acme/aigogo-plugin-greet',
    '<%= config.bin %> plugins install @acme/aigogo-plugin-greet@^1.2 --yes',
  ]
  static override args = {
    name: Args.string({description: 'first-party plugin name (store), short name with --source, or npm package[@version] / tarball URL', required: true}),
  }
  static override flags = {
    source: Flags.string({description: 'third-party source: github.com/<org>/<repo>[@vX.Y.Z]'}),
    version: Flags.string({description: 'install this release (vX.Y.Z) instead of the latest stable one; for npm, a version, range or dist-tag'}),
    yes: Flags.boolean({char: 'y', default: false, description: 'trust a third-party source without asking'}),
  }

  async run(): Promise<InstallResult> {
    const {args, flags} = await this.parse(PluginsInstall)
    const result = await installPlugin(await hostContext(KERNEL_ROOT), {mode: 'install', name: args.name, source: flags.source, version: flags.version, yes: flags.yes})
    if (!this.json) {
      printData(`installed ${result.name} ${result.version}${result.origin === 'npm' ? ` (${result.package} from ${result.source})` : ''}`)
      say(nextStepHint(this.config.bin, result.name, {capabilities: result.capabilities ?? [], commands: result.commands ?? []}))
    }
    return result
  }
}
