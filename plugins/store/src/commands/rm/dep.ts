import {Args} from '@oclif/core'
import {AigogoCommand, type Dependency} from '@aigogo/sdk'

import {runRemoveDependencies} from '../../edit/dependency-command.js'

export default class RmDep extends AigogoCommand {
  static override summary = 'Remove runtime dependencies from aigogo.json.'
  static override strict = false
  static override args = {packages: Args.string({description: 'package names', required: true})}
  static override examples = ['<%= config.bin %> rm dep requests']

  async run(): Promise<{manifestPath: string; removed: Dependency[]; remaining: Dependency[]}> {
    const {argv} = await this.parse(RmDep)
    return runRemoveDependencies('runtime', argv as string[], this.json)
  }
}
