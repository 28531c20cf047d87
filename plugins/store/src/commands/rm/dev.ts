import {Args} from '@oclif/core'
import {AigogoCommand, type Dependency} from '@aigogo/sdk'

import {runRemoveDependencies} from '../../edit/dependency-command.js'

export default class RmDev extends AigogoCommand {
  static override summary = 'Remove development dependencies from aigogo.json.'
  static override strict = false
  static override args = {packages: Args.string({description: 'package names', required: true})}
  static override examples = ['<%= config.bin %> rm dev requests']

  async run(): Promise<{manifestPath: string; removed: Dependency[]; remaining: Dependency[]}> {
    const {argv} = await this.parse(RmDev)
    return runRemoveDependencies('dev', argv as string[], this.json)
  }
}
