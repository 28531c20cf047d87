import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {readPublicKey} from '../../keys/public-key.js'
import {editPolicy, policyTarget, scopeArgument} from '../../policy/edit.js'

export interface TrustAddResult {
  scope: string
  keyId: string
  file: string
  source: 'user' | 'project'
  /** False: the scope already allowed this key. */
  added: boolean
}

export default class TrustAdd extends AigogoCommand {
  static override summary = 'Allow a public key to sign the packages of a registry or repository.'
  static override description = `From then on, add, pull and install refuse a package in the scope unless it carries a valid signature by one of the scope's keys. Scopes: <registry>/<repository> (exactly one), <registry>/<path>/* (one level below), <registry>/<path>/** (any depth), <registry>/** (a whole registry), * (everything). When several scopes match a package, the most specific applies alone. The key is stored whole in the policy: AIGOGO_HOME/trust-policy.json, or with --project aigogo.trust.json beside the project's aigogo.lock (commit it: the team enforces the same keys). Both policies apply to a project's packages.`

  static override args = {scope: Args.string({description: 'ghcr.io/acme/*, localhost:5000/team/**, ghcr.io/acme/tools, ...', required: true})}
  static override flags = {
    key: Flags.string({description: 'the public key file (PEM) to allow', required: true}),
    project: Flags.boolean({default: false, description: "write the project's aigogo.trust.json (beside aigogo.lock) instead of the user's policy"}),
  }

  static override examples = [
    "<%= config.bin %> trust add 'ghcr.io/acme/*' --key acme-release.pub",
    "<%= config.bin %> trust add 'localhost:5000/team/**' --key team.pub --project",
  ]

  async run(): Promise<TrustAddResult> {
    const {args, flags} = await this.parse(TrustAdd)
    const scope = scopeArgument(args.scope)
    const key = await readPublicKey(flags.key)
    const target = await policyTarget(flags.project, process.cwd())
    const added = await editPolicy(target, (policy) => {
      let entry = policy.scopes.find((s) => s.scope.text === scope.text)
      if (!entry) {
        entry = {keys: [], scope}
        policy.scopes.push(entry)
      }
      if (entry.keys.some((k) => k.keyId === key.keyId)) return false
      entry.keys.push({key: key.key, keyId: key.keyId, publicKey: key.pem})
      return true
    })
    if (!this.json) {
      printData(added
        ? `Trusted ${key.keyId} for ${scope.text} (${target.file})`
        : `${key.keyId} was already trusted for ${scope.text} (${target.file}); nothing changed`)
    }
    return {added, file: target.file, keyId: key.keyId, scope: scope.text, source: target.source}
  }
}
