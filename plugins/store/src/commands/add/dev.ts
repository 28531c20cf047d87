import {Args, Flags} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import {runAddDependency} from '../../edit/dependency-command.js'

export default class AddDev extends AigogoCommand {
  static override summary = 'Add a development dependency to aigogo.json.'
  static override description = 'With --from-pyproject or --from-package-json the argument is the file to read (default: the one next to aigogo.json); the depgen plugin reads it.'
  static override args = {
    pkg: Args.string({description: 'package name (or, with --from-*, the file to read)'}),
    version: Args.string({description: 'version constraint'}),
  }

  static override flags = {
    'from-package-json': Flags.boolean({description: 'import the dev dependencies of a package.json'}),
    'from-pyproject': Flags.boolean({description: 'import the dev dependencies of a pyproject.toml'}),
  }

  static override examples = ['<%= config.bin %> add dev pytest ">=7.0.0"', '<%= config.bin %> add dev --from-pyproject']

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(AddDev)
    return runAddDependency({args, config: this.config, flags, json: this.json, kind: 'dev'})
  }
}
