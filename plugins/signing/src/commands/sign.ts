import {Args, Flags} from '@oclif/core'
import {AigogoCommand, capability, printData} from '@aigogo/sdk'

import {PASSWORD_ENV} from '../constants.js'
import {signRefWithKeyFile, type SignResult} from '../trust/sign.js'

export default class Sign extends AigogoCommand {
  static override summary = 'Sign a registry package with your private key.'
  static override description = `Signs the package's manifest and attaches the signature to it in the registry: a Sigstore bundle (application/vnd.dev.sigstore.bundle.v0.3+json) stored as an OCI referrer of the manifest, which other Sigstore tooling can read. The key's passphrase comes from ${PASSWORD_ENV} or a prompt on a terminal, never from a flag. Signing again with the same key adds nothing. Needs push access to the repository (aigogo login).`

  static override args = {ref: Args.string({description: 'host/name:tag or host/name@sha256:...', required: true})}
  static override flags = {
    key: Flags.string({description: 'the private key file (aigogo keygen writes <prefix>.key)', required: true}),
  }

  static override examples = [
    '<%= config.bin %> sign localhost:5000/team/string-utils:1.0.0 --key acme-release.key',
    `${PASSWORD_ENV}="$(cat /run/secrets/key-password)" <%= config.bin %> sign ghcr.io/acme/tools:2.1.0 --key /run/secrets/signing.key --json`,
  ]

  async run(): Promise<SignResult & {ref: string; digest: string}> {
    const {args, flags} = await this.parse(Sign)
    const referrers = await capability(this.config, 'referrers')
    const {subject, ...signed} = await signRefWithKeyFile(args.ref, flags.key, referrers)
    if (!this.json) {
      printData(signed.existing
        ? `${args.ref} (${subject.digest}) is already signed by ${signed.keyId} (signature ${signed.referrer}); nothing was pushed`
        : `Signed ${args.ref} (${subject.digest}) with ${signed.keyId}\nSignature: ${signed.referrer}`)
    }
    return {...signed, digest: subject.digest, ref: args.ref}
  }
}
