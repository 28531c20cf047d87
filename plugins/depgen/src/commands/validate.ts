import {Args} from '@oclif/core'
import {AigogoCommand, type DependencyReport} from '@aigogo/sdk'

import runValidate from '../runners/validate.js'

export default class Validate extends AigogoCommand {
  static override summary = "Check that the package's declared dependencies match what its files import."
  static override description = 'Exits 0 when every imported package is declared and every declared runtime dependency is imported; otherwise fails with DEPENDENCIES_INVALID (exit 3) and says what to add or remove.'
  static override args = {
    path: Args.string({default: '.', description: 'package directory (aigogo.json is looked up from here upward)'}),
  }

  static override runner = './dist/runners/validate.js'
  static override examples = ['<%= config.bin %> validate', '<%= config.bin %> validate --json']

  async run(): Promise<DependencyReport> {
    return (await this.runWith(runValidate)) as DependencyReport
  }
}
