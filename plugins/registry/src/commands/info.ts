import {Args, Flags} from '@oclif/core'
import {AigogoCommand} from '@aigogo/sdk'

import type {PackageInfo} from '../inspect.js'
import runInfo from '../runners/info.js'

export default class Info extends AigogoCommand {
  static override summary = "Show a registry package's manifest digest, format, size, aigogo.json and signatures without downloading it."
  static override description = 'Signatures are listed when a plugin provides package trust (the signing plugin): each key id, and whether a key of the trust policy verifies it. --offline answers without the network, from what was kept on this machine.'
  static override args = {ref: Args.string({description: 'host/name:tag or host/name@sha256:...', required: true})}
  static override flags = {
    offline: Flags.boolean({description: 'Answer from what the last info of this reference on this machine kept, without asking the registry: a tag shows the digest it named then, and when. Signatures are not listed. NOT_CACHED when nothing was kept.'}),
  }
  static override runner = './dist/runners/info.js'

  async run(): Promise<PackageInfo> {
    return (await this.runWith(runInfo)) as PackageInfo
  }
}
