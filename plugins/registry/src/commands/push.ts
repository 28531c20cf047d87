import {Args, Flags} from '@oclif/core'
import {AigogoCommand, capability} from '@aigogo/sdk'

import {WIRE_FORMATS, type WireFormat} from '../format.js'
import {type PushResult, runPush} from '../push.js'
import {checkSignFlags} from '../sign-flags.js'

export default class Push extends AigogoCommand {
  static override completion = {flags: {from: 'local-builds'}} as const
  static override summary = 'Push a local build to an OCI registry.'
  static override description = 'Pushing an unchanged build to the same tag again costs one request: the tag already names the manifest. With --sign --key <file>, the pushed manifest is signed and the signature attached as an OCI referrer (needs the signing plugin); the key and the plugin are checked before anything is pushed.'
  static override examples = [
    '<%= config.bin %> push localhost:5000/team/my-utils:1.0.0 --from my-utils:1.0.0',
    '<%= config.bin %> push localhost:5000/team/my-utils:1.0.0 --from my-utils:1.0.0 --sign --key release.key',
  ]

  static override args = {ref: Args.string({description: 'registry reference: host/name:tag', required: true})}
  static override flags = {
    from: Flags.string({description: 'the local build to push (name:tag, see aigogo build)', required: true}),
    format: Flags.string({default: 'oci', description: 'oci (an OCI 1.1 artifact) or upstream (Docker v2, for the Go client)', options: [...WIRE_FORMATS]}),
    sign: Flags.boolean({description: 'sign the pushed package (with --key) and attach the signature as an OCI referrer'}),
    key: Flags.string({description: 'the private key (PEM) to sign with, see aigogo keygen; passphrase from AIGOGO_KEY_PASSWORD'}),
  }

  async run(): Promise<PushResult> {
    const {args, flags} = await this.parse(Push)
    // Everything signing needs is checked before the push: a failure here pushes nothing.
    const keyFile = await checkSignFlags(flags)
    const trust = keyFile === undefined ? undefined : await capability(this.config, 'package-trust')
    const builds = await capability(this.config, 'local-builds')
    return runPush(builds, {format: flags.format as WireFormat, from: flags.from, json: this.json, ref: args.ref, sign: trust && keyFile ? {keyFile, trust} : undefined})
  }
}
