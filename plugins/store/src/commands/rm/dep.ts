import {Args} from '@oclif/core'
import {AigogoCommand, type Dependency, printData} from '@aigogo/sdk'

import {removeDependencies} from '../../edit/dependencies.js'

export default class RmDep extends AigogoCommand {
  static override summary = 'Remove runtime dependencies from aigogo.json.'
  static override strict = false
  static override args = {packages: Args.string({description: 'package names', required: true})}
  static override examples = ['<%= config.bin %> rm dep requests']

  async run(): Promise<{manifestPath: string; removed: Dependency[]; remaining: Dependency[]}> {
    const {argv} = await this.parse(RmDep)
    const result = await removeDependencies(process.cwd(), 'runtime', argv as string[])
    if (!this.json) {
      printData(
        [
          ...result.removed.map((d) => `✓ Removed ${d.package} (${d.version}) from runtime dependencies`),
          result.remaining.length > 0 ? `Remaining runtime dependencies (${result.remaining.length}):` : 'No runtime dependencies remaining',
          ...result.remaining.map((d) => `  - ${d.package} (${d.version})`),
        ].join('\n'),
      )
    }
    return result
  }
}
