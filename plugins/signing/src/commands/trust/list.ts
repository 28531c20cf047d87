import {AigogoCommand, printData, table} from '@aigogo/sdk'

import {loadPolicies, policyFilePaths} from '../../policy/policies.js'
import {projectDirFrom} from '../../policy/project.js'

export interface TrustListResult {
  policies: Array<{file: string; source: 'user' | 'project'; scopes: Array<{scope: string; keys: string[]}>}>
}

export default class TrustList extends AigogoCommand {
  static override summary = 'Show the trust policy: which keys may sign which packages.'
  static override description = "Lists the user's policy (AIGOGO_HOME/trust-policy.json) and the project's (aigogo.trust.json beside the nearest aigogo.lock), each scope with the key ids it allows. A package covered by a scope of either file is refused by add, pull and install unless a key of that scope signed it."
  static override aliases = ['trust:ls']
  static override examples = ['<%= config.bin %> trust list', '<%= config.bin %> trust list --json']

  async run(): Promise<TrustListResult> {
    await this.parse(TrustList)
    const {dir, hasLock} = await projectDirFrom(process.cwd())
    const policies = await loadPolicies(hasLock ? dir : process.cwd())
    const result: TrustListResult = {
      policies: policies.map((p) => ({file: p.file, scopes: p.scopes.map((s) => ({keys: s.keys.map((k) => k.keyId), scope: s.scope.text})), source: p.source})),
    }
    if (!this.json) {
      const rows = result.policies.flatMap((p) => p.scopes.flatMap((s) => s.keys.map((k) => [s.scope, k, p.source])))
      if (rows.length === 0) {
        const paths = policyFilePaths(hasLock ? dir : process.cwd())
        printData(`No trust policy (${[paths.user, paths.project].filter(Boolean).join(', ')}): packages are accepted without signatures.\nRequire signatures: aigogo trust add <registry>/<repo-glob> --key <signer.pub> [--project]`)
      } else printData(table([['SCOPE', 'KEY', 'POLICY'], ...rows]) + '\n' + result.policies.map((p) => `${p.source}: ${p.file}`).join('\n'))
    }
    return result
  }
}
