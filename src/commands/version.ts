import {AigogoCommand} from '@aigogo/sdk'
import runVersion, {type VersionReport} from '../runners/version.js'

export type {VersionReport}

export default class Version extends AigogoCommand {
  static override summary = 'Show the kernel version and where each plugin was loaded from.'
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json']
  static override runner = './dist/runners/version.js'

  async run(): Promise<VersionReport> {
    return (await this.runWith(runVersion)) as VersionReport
  }
}
