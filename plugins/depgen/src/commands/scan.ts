import {Args} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import type {ScanResult} from '../scan/scan.js'
import runScan from '../runners/scan.js'

export default class Scan extends AigogoCommand {
  static override summary = 'Find the third-party packages your files import, and suggest dependency entries for the undeclared ones.'
  static override args = {
    path: Args.string({default: '.', description: 'package directory (aigogo.json is looked up from here upward)'}),
  }

  static override runner = './dist/runners/scan.js'
  static override examples = ['<%= config.bin %> scan', '<%= config.bin %> scan --json']

  async run(): Promise<ScanResult> {
    return (await this.runWith(runScan)) as ScanResult
  }
}
