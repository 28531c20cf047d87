import {Args} from '@oclif/core'
import {AigogoCommand, aigogoDirs, capability} from '@aigogo/sdk'

import {projectDirFor, trustFor} from '../project-policy.js'
import {type PullReport, runPull} from '../pull.js'

export default class Pull extends AigogoCommand {
  static override summary = 'Pull a package from a registry into the local store and print its integrity.'
  static override description = "When a trust policy covers the package (AIGOGO_HOME/trust-policy.json, or aigogo.trust.json of the project you are in), it must carry a signature by an allowed key, or nothing is pulled."
  static override args = {ref: Args.string({description: 'registry reference: host/name:tag or host/name@sha256:...', required: true})}

  async run(): Promise<PullReport> {
    const {args} = await this.parse(Pull)
    const projectDir = projectDirFor(process.cwd())
    const [store, trust] = await Promise.all([capability(this.config, 'store'), trustFor(this.config, aigogoDirs(), projectDir)])
    return runPull(store, {json: this.json, projectDir, ref: args.ref, trust})
  }
}
