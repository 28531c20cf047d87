/**
 * Config blobs (a package's aigogo.json) cached by digest under cache/registry/configs/: content
 * addressed, so an entry never goes stale, and search reads each package's config from the
 * registry once. An entry is checked against its digest when read; a bad one is fetched again.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {aigogoDirs, writeFileAtomic} from '@aigogo/sdk/core'

import {sha256Hex} from '../digest.js'
import type {Descriptor, Repository} from '../repository.js'

function entry(digest: string, env: NodeJS.ProcessEnv): string | undefined {
  const hex = /^sha256:([a-f0-9]{64})$/.exec(digest)?.[1]
  return hex ? join(aigogoDirs(env).cache, 'registry', 'configs', hex) : undefined
}

/** A cached config, or undefined. Read synchronously: a few hundred bytes, and info then loads no node:fs/promises. */
function readCached(file: string | undefined): Buffer | undefined {
  try {
    return file ? readFileSync(file) : undefined
  } catch {
    return undefined
  }
}

/** The kept config when its bytes still have its digest and size, or undefined. */
export function keptConfig(descriptor: Descriptor, env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const cached = readCached(entry(descriptor.digest, env))
  return cached && cached.length === descriptor.size && `sha256:${sha256Hex(cached)}` === descriptor.digest ? cached : undefined
}

export async function configBlob(repository: Repository, descriptor: Descriptor, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const cached = keptConfig(descriptor, env)
  if (cached) return cached
  const file = entry(descriptor.digest, env)
  const bytes = await repository.fetchSmallBlob(descriptor)
  // The cache only saves requests: a write that fails (read-only home, full disk) is not an error.
  if (file) await writeFileAtomic(file, bytes).catch(() => undefined)
  return bytes
}
