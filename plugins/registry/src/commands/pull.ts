import {Args} from '@oclif/core'
import {AigogoCommand, capability} from '@aigogo/sdk'

import {type PullReport, runPull} from '../pull.js'

export default class Pull extends AigogoCommand {
  static override summary = 'Pull a package from a registry into the local store and print its integrity.'
  static override args = {ref: Args.string({description: 'registry reference: host/name:tag or host/name@sha256:...', required: true})}

  async run(): Promise<PullReport> {
    const {args} = await this.parse(Pull)
    const store = await capability(this.config, 'store')
    return runPull(store, {json: this.json, ref: args.ref})
  }
}
