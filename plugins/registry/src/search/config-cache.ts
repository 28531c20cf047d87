/**
 * Config blobs (a package's aigogo.json) cached by digest under cache/registry/configs/: content
 * addressed, so an entry never goes stale, and search reads each package's config from the
 * registry once. An entry is checked against its digest when read; a bad one is fetched again.
 */
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {aigogoDirs, writeFileAtomic} from '@aigogo/sdk/core'

import {sha256Hex} from '../digest.js'
import type {Descriptor, Repository} from '../repository.js'

function entry(digest: string, env: NodeJS.ProcessEnv): string | undefined {
  const hex = /^sha256:([a-f0-9]{64})$/.exec(digest)?.[1]
  return hex ? join(aigogoDirs(env).cache, 'registry', 'configs', hex) : undefined
}

export async function configBlob(repository: Repository, descriptor: Descriptor, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const file = entry(descriptor.digest, env)
  const cached = file ? await readFile(file).catch(() => undefined) : undefined
  if (cached && cached.length === descriptor.size && `sha256:${sha256Hex(cached)}` === descriptor.digest) return cached
  const bytes = await repository.fetchSmallBlob(descriptor)
  // The cache only saves requests: a write that fails (read-only home, full disk) is not an error.
  if (file) await writeFileAtomic(file, bytes).catch(() => undefined)
  return bytes
}
