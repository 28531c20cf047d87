/**
 * The "registry" package source: OCI references (anything with a "/") are pulled into the store
 * the consumer passes in FetchOptions.store, under the trust policy it passes in FetchOptions.trust.
 */
import {type FetchedPackage, type FetchOptions, internalError, type PackageSource} from '@aigogo/sdk/core'

import {isRegistryRef} from '../reference.js'

// The HTTP client and the unpacker load only when something is fetched: an install whose packages
// are all in the store asks accepts() and never pays for the HTTP client and tar.

const source: PackageSource = {
  accepts: (ref) => isRegistryRef(ref),
  async fetch(ref: string, options: FetchOptions = {}): Promise<FetchedPackage> {
    if (!options.store) {
      throw internalError('PACKAGE_SOURCE_NO_STORE', 'the registry package source was called without a store', [
        "pass the store capability: fetch(ref, {store: await capability(config, 'store')})",
      ])
    }
    const [{pullPackage}, {createSession}] = await Promise.all([import('../pull.js'), import('../session.js')])
    const session = createSession()
    try {
      // The trust policy is enforced before anything is stored (pull.ts); the verified signer goes to the lock.
      const result = await pullPackage(session, options.store, ref, {expectedIntegrity: options.expectedIntegrity, json: options.json, projectDir: options.projectDir, trust: options.trust})
      return {...result.stored, digest: result.digest, source: ref, ...(result.signer ? {signer: result.signer} : {})}
    } finally {
      await session.close()
    }
  },
  id: 'registry',
}

export default source
