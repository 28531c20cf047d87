import {Args} from '@oclif/core'
import {AigogoCommand, type Dependency, printData} from '@aigogo/sdk'

import {removeDependencies} from '../../edit/dependencies.js'

export default class RmDev extends AigogoCommand {
  static override summary = 'Remove development dependencies from aigogo.json.'
  static override strict = false
  static override args = {packages: Args.string({description: 'package names', required: true})}
  static override examples = ['<%= config.bin %> rm dev requests']

  async run(): Promise<{manifestPath: string; removed: Dependency[]; remaining: Dependency[]}> {
    const {argv} = await this.parse(RmDev)
    const result = await removeDependencies(process.cwd(), 'dev', argv as string[])
    if (!this.json) {
      printData(
        [
          ...result.removed.map((d) => `✓ Removed ${d.package} (${d.version}) from development dependencies`),
          result.remaining.length > 0 ? `Remaining development dependencies (${result.remaining.length}):` : 'No development dependencies remaining',
          ...result.remaining.map((d) => `  - ${d.package} (${d.version})`),
        ].join('\n'),
      )
    }
    return result
  }
}
