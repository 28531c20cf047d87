import {Args} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {loadPackage} from '../package/load-package.js'
import {renderScan} from '../scan/render-scan.js'
import {type ScanResult, scanDependencies} from '../scan/scan.js'

export default class Scan extends AigogoCommand {
  static override summary = 'Find the third-party packages your files import, and suggest dependency entries for the undeclared ones.'
  static override args = {
    path: Args.string({default: '.', description: 'package directory (aigogo.json is looked up from here upward)'}),
  }

  static override examples = ['<%= config.bin %> scan', '<%= config.bin %> scan --json']

  async run(): Promise<ScanResult> {
    const {args} = await this.parse(Scan)
    const result = await scanDependencies(await loadPackage(this.config, args.path))
    if (!this.json) printData(renderScan(result))
    return result
  }
}
