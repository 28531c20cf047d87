import {Args, Flags} from '@oclif/core'
import {AigogoCommand, printData, quoteUntrusted, usageError} from '@aigogo/sdk'

import {KEY_ID} from '../../keys/key-id.js'
import {readPublicKey} from '../../keys/public-key.js'
import {editPolicy, policyTarget, scopeArgument} from '../../policy/edit.js'

export interface TrustRemoveResult {
  scope: string
  file: string
  source: 'user' | 'project'
  removed: string[]
  /** The scope is gone from the policy (no key left, or no --key given). */
  scopeRemoved: boolean
}

export default class TrustRemove extends AigogoCommand {
  static override summary = 'Remove a scope, or one of its keys, from the trust policy.'
  static override description = 'Without --key, the whole scope goes: its packages no longer need signatures (unless a wider scope still covers them). With --key (a public key file or a key id "sha256:..."), only that key goes, and the scope with it when it was the last. --project changes the aigogo.trust.json beside the project\'s aigogo.lock.'

  static override args = {scope: Args.string({description: 'the scope as aigogo trust list shows it', required: true})}
  static override aliases = ['trust:rm']
  static override flags = {
    key: Flags.string({description: 'only this key: a public key file or a key id (sha256:...)'}),
    project: Flags.boolean({default: false, description: "change the project's aigogo.trust.json instead of the user's policy"}),
  }

  static override examples = [
    "<%= config.bin %> trust remove 'ghcr.io/acme/*'",
    "<%= config.bin %> trust remove 'ghcr.io/acme/*' --key sha256:3f2a...",
    "<%= config.bin %> trust remove 'localhost:5000/team/**' --key old-team.pub --project",
  ]

  async run(): Promise<TrustRemoveResult> {
    const {args, flags} = await this.parse(TrustRemove)
    const scope = scopeArgument(args.scope)
    const keyId = flags.key === undefined ? undefined : KEY_ID.test(flags.key) ? flags.key : (await readPublicKey(flags.key)).keyId
    const target = await policyTarget(flags.project, process.cwd())
    const result = await editPolicy(target, (policy) => {
      const index = policy.scopes.findIndex((s) => s.scope.text === scope.text)
      const entry = policy.scopes[index]
      if (!entry) {
        throw usageError('TRUST_SCOPE_NOT_FOUND', `${quoteUntrusted(scope.text, 120)} is not a scope of ${target.file}`, [
          `see the scopes: aigogo trust list${target.source === 'project' ? '' : ' (add --project for the project\'s policy)'}`,
        ], {file: target.file, scope: scope.text})
      }
      let removed = entry.keys.map((k) => k.keyId)
      if (keyId !== undefined) {
        if (!removed.includes(keyId)) {
          throw usageError('TRUST_KEY_NOT_FOUND', `${scope.text} in ${target.file} does not allow ${keyId}`, [`its keys: ${removed.join(', ')}`], {file: target.file, keyId, scope: scope.text})
        }
        entry.keys = entry.keys.filter((k) => k.keyId !== keyId)
        removed = [keyId]
      }
      const scopeRemoved = entry.keys.length === 0 || keyId === undefined
      if (scopeRemoved) policy.scopes.splice(index, 1)
      return {removed, scopeRemoved}
    })
    if (!this.json) {
      printData(result.scopeRemoved
        ? `Removed ${scope.text} from ${target.file}: its packages no longer need a signature (unless another scope covers them)`
        : `Removed ${result.removed.join(', ')} from ${scope.text} (${target.file})`)
    }
    return {file: target.file, scope: scope.text, source: target.source, ...result}
  }
}
