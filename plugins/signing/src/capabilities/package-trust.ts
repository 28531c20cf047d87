/**
 * The "package-trust" capability: the trust policy and signatures for other plugins (the registry
 * plugin's add/install/pull path, info, push --sign). Cheap to import: the policy files are read
 * on a call, and sigstore-js is loaded only when a signature is made or checked.
 */
import type {PackageTrustCapability} from '@aigogo/sdk/core'

import {applicableScopes, loadPolicies} from '../policy/policies.js'
import {requireReferrers} from '../trust/errors.js'

const packageTrust: PackageTrustCapability = {
  async covers(registry, repository, context) {
    return applicableScopes(await loadPolicies(context?.projectDir), registry, repository).length > 0
  },

  async enforce(subject, context) {
    const {enforce} = await import('../trust/enforce.js')
    return enforce(subject, context)
  },

  async describe(subject, context) {
    const {describe} = await import('../trust/describe.js')
    return describe(subject, context)
  },

  async sign(subject, options) {
    const referrers = requireReferrers(options.referrers)
    const {signWithKeyFile} = await import('../trust/sign.js')
    const {existing: _existing, ...signature} = await signWithKeyFile(subject, options.keyFile, referrers)
    return signature
  },
}

export default packageTrust
