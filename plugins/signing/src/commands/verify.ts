import {Args, Flags} from '@oclif/core'
import {AigogoCommand, capability, printData} from '@aigogo/sdk'

import {readPublicKey} from '../keys/public-key.js'
import {signatureInvalid, signatureMissing, signatureUntrusted} from '../trust/errors.js'
import {findSignatures, judge} from '../trust/signatures.js'

export interface VerifyResult {
  ref: string
  digest: string
  keyId: string
  /** The referrer (artifact manifest digest) whose signature verified. */
  referrer: string
  /** How many signatures the package carries in all. */
  signatures: number
}

export default class Verify extends AigogoCommand {
  static override summary = 'Check that a registry package carries a valid signature by a public key.'
  static override description = `Exits 0 when one of the package's signatures (Sigstore bundles attached as OCI referrers) was made by the key and verifies over the manifest. Otherwise, exit 3 with SIGNATURE_MISSING (no signature at all), SIGNATURE_UNTRUSTED (signed, but only by other keys) or SIGNATURE_INVALID (a signature by this key that does not verify, or one that cannot be read: the package or its signature was changed). The trust policy is not consulted: this checks one key.`

  static override args = {ref: Args.string({description: 'host/name:tag or host/name@sha256:...', required: true})}
  static override flags = {
    key: Flags.string({description: 'the public key file (PEM; aigogo keygen writes <prefix>.pub)', required: true}),
  }

  static override examples = [
    '<%= config.bin %> verify localhost:5000/team/string-utils:1.0.0 --key acme-release.pub',
    '<%= config.bin %> verify ghcr.io/acme/tools@sha256:... --key acme-release.pub --json',
  ]

  async run(): Promise<VerifyResult> {
    const {args, flags} = await this.parse(Verify)
    const key = await readPublicKey(flags.key)
    const referrers = await capability(this.config, 'referrers')
    const subject = await referrers.resolve(args.ref)
    const signatures = await findSignatures(subject, referrers)
    const requirement = {keyIds: [key.keyId], what: `the key ${key.keyId}`}
    if (signatures.length === 0) throw signatureMissing(subject, requirement)
    const verdict = await judge(signatures, subject.manifestBytes, [{key: key.key, keyId: key.keyId, publicKey: key.pem}])
    if (!verdict.signer) {
      if (verdict.invalid.length > 0) throw signatureInvalid(subject, requirement, verdict.invalid)
      throw signatureUntrusted(subject, requirement, verdict.untrusted)
    }
    const result = {digest: subject.digest, keyId: verdict.signer.keyId, ref: args.ref, referrer: verdict.signer.referrer, signatures: signatures.length}
    if (!this.json) printData(`Verified: ${args.ref} (${subject.digest}) is signed by ${result.keyId} (signature ${result.referrer})`)
    return result
  }
}
