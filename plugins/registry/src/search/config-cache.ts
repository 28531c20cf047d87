/**
 * Config blobs (a package's aigogo.json) cached by digest under cache/registry/configs/: content
 * addressed, so an entry never goes stale, and search reads each package's config from the
 * registry once. An entry is checked against its digest when read; a bad one is fetched again.
 */
import {writeFileAtomic} from '@aigogo/sdk/core'

import {sha256Hex} from '../digest.js'
import {keptFile, readKept} from '../manifest-cache.js'
import type {Descriptor, Repository} from '../repository.js'

/** The kept config when its bytes still have its digest and size, or undefined. */
export function keptConfig(descriptor: Descriptor, env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const cached = readKept(keptFile('configs', descriptor.digest, env))
  return cached && cached.length === descriptor.size && `sha256:${sha256Hex(cached)}` === descriptor.digest ? cached : undefined
}

export async function configBlob(repository: Repository, descriptor: Descriptor, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const cached = keptConfig(descriptor, env)
  if (cached) return cached
  const file = keptFile('configs', descriptor.digest, env)
  const bytes = await repository.fetchSmallBlob(descriptor)
  // The cache only saves requests: a write that fails (read-only home, full disk) is not an error.
  if (file) await writeFileAtomic(file, bytes).catch(() => undefined)
  return bytes
}
