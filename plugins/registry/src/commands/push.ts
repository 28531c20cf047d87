import {Args, Flags} from '@oclif/core'
import {AigogoCommand, capability} from '@aigogo/sdk'

import {WIRE_FORMATS, type WireFormat} from '../format.js'
import {type PushResult, runPush} from '../push.js'

export default class Push extends AigogoCommand {
  static override completion = {flags: {from: 'local-builds'}} as const
  static override summary = 'Push a local build to an OCI registry.'
  static override description = 'Pushing an unchanged build to the same tag again costs one request: the tag already names the manifest.'
  static override examples = ['<%= config.bin %> push localhost:5000/team/my-utils:1.0.0 --from my-utils:1.0.0']
  static override args = {ref: Args.string({description: 'registry reference: host/name:tag', required: true})}
  static override flags = {
    from: Flags.string({description: 'the local build to push (name:tag, see aigogo build)', required: true}),
    format: Flags.string({default: 'oci', description: 'oci (an OCI 1.1 artifact) or upstream (Docker v2, for the Go client)', options: [...WIRE_FORMATS]}),
  }

  async run(): Promise<PushResult> {
    const {args, flags} = await this.parse(Push)
    const builds = await capability(this.config, 'local-builds')
    return runPush(builds, {format: flags.format as WireFormat, from: flags.from, json: this.json, ref: args.ref})
  }
}
