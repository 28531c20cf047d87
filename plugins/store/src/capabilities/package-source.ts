/**
 * The "package-source" capability with id "local": local builds by "name:tag".
 *
 * accepts(ref) is true for every reference that is not a registry reference (no "/", and a
 * name part that is neither a host with a "." nor "localhost"), so that a malformed local
 * reference gets a precise error from fetch() instead of a registry lookup.
 * fetch(ref) puts the build into the store and returns it; with expectedIntegrity set, a
 * build whose content differs raises INTEGRITY_MISMATCH (and nothing is recorded by callers).
 */
import {type FetchedPackage, type PackageSource, dataError} from '@aigogo/sdk/core'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {isRegistryRef} from '../ref/local-ref.js'

const localSource: PackageSource = {
  accepts: (ref) => !isRegistryRef(ref),
  async fetch(ref, options = {}): Promise<FetchedPackage> {
    // Loaded on use: an install whose packages are all stored only asks accepts().
    const [{resolveBuild}, {putFromDirectory}, {MANIFEST_FILE}] = await Promise.all([import('../cache/local-cache.js'), import('../store/store.js'), import('../manifest/load.js')])
    const build = await resolveBuild(ref)
    const manifestBytes = await readFile(join(build.dir, MANIFEST_FILE))
    const stored = await putFromDirectory({dir: build.dir, files: build.files, manifestBytes})
    if (options.expectedIntegrity !== undefined && options.expectedIntegrity.replace(/^(sha256:)?/, 'sha256:') !== stored.integrity) {
      throw dataError('INTEGRITY_MISMATCH', `local build ${build.ref} is ${stored.integrity}, but ${options.expectedIntegrity} was expected`, [
        'the build changed since the lock file was written: rebuild the expected version, or update the lock with: aigogo add ' + build.ref,
      ], {actual: stored.integrity, expected: options.expectedIntegrity, ref})
    }
    return {...stored, source: ref}
  },
  id: 'local',
}

export default localSource
