import {Args} from '@oclif/core'
import {AigogoCommand, capability, printData} from '@aigogo/sdk'

import {pullPackage} from '../pull.js'
import {createSession} from '../session.js'

export default class Pull extends AigogoCommand {
  static override summary = 'Pull a package from a registry into the local store and print its integrity.'
  static override args = {ref: Args.string({description: 'registry reference: host/name:tag or host/name@sha256:...', required: true})}

  async run(): Promise<{ref: string; digest: string; format: string; integrity: string; name: string; version: string; path: string}> {
    const {args} = await this.parse(Pull)
    const store = await capability(this.config, 'store')
    const session = createSession()
    try {
      const result = await pullPackage(session, store, args.ref, {json: this.json})
      const data = {
        digest: result.digest,
        format: result.format,
        integrity: result.stored.integrity,
        name: result.stored.manifest.name,
        path: result.stored.path,
        ref: result.ref,
        version: result.stored.manifest.version,
      }
      if (!this.json) printData(`Pulled ${data.name} ${data.version} from ${data.ref}\nDigest: ${data.digest}\nIntegrity: ${data.integrity}`)
      return data
    } finally {
      await session.close()
    }
  }
}
