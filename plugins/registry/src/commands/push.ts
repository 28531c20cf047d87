import {Args, Flags} from '@oclif/core'
import {AigogoCommand, capability, printData} from '@aigogo/sdk'

import {WIRE_FORMATS, type WireFormat} from '../format.js'
import {pushBuild, type PushResult} from '../push.js'
import {createSession} from '../session.js'

export default class Push extends AigogoCommand {
  static override summary = 'Push a local build to an OCI registry.'
  static override examples = ['<%= config.bin %> push localhost:5000/team/my-utils:1.0.0 --from my-utils:1.0.0']
  static override args = {ref: Args.string({description: 'registry reference: host/name:tag', required: true})}
  static override flags = {
    from: Flags.string({description: 'the local build to push (name:tag, see aigogo build)', required: true}),
    format: Flags.string({default: 'oci', description: 'oci (an OCI 1.1 artifact) or upstream (Docker v2, for the Go client)', options: [...WIRE_FORMATS]}),
  }

  async run(): Promise<PushResult> {
    const {args, flags} = await this.parse(Push)
    const builds = await capability(this.config, 'local-builds')
    const build = await builds.resolve(flags.from)
    const session = createSession()
    try {
      const result = await pushBuild(session, build, args.ref, {format: flags.format as WireFormat, json: this.json})
      if (!this.json) {
        const uploaded = result.blobs.filter((b) => b.action === 'uploaded').length
        printData(`Pushed ${result.ref}\nDigest: ${result.digest}\n(${uploaded} of ${result.blobs.length} blobs uploaded, format ${result.format})`)
      }
      return result
    } finally {
      await session.close()
    }
  }
}
