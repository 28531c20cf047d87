/**
 * Remembers which layer a build produced, keyed by the build's file identities (path, size,
 * mtime, inode), so re-pushing an unchanged build neither re-reads nor re-hashes its files.
 * Also remembers which repository a blob was last pushed to, for cross-repository mounts, and
 * which stored package a pulled layer unpacked to, so pulling content the store already holds
 * downloads nothing (the store keeps the files; these are only small index entries).
 */
import {join} from 'node:path'

import {aigogoDirs, readJsonFile, writeJsonAtomic} from '@aigogo/sdk/core'

import {sha256Hex} from './digest.js'

const what = {code: 'CACHE_INVALID', what: 'a registry cache entry'}

/** The entry file of `key` among one kind of entries (layers, sources, pulled). */
function entry(kind: string, key: string, env: NodeJS.ProcessEnv): string {
  return join(aigogoDirs(env).cache, 'registry', kind, sha256Hex(key))
}

/** An entry's JSON; undefined when it is absent or unreadable (the cache only saves work). */
async function readEntry<T>(file: string): Promise<Partial<T> | undefined> {
  try {
    return (await readJsonFile(file, what)) as Partial<T> | undefined
  } catch {
    return undefined
  }
}

export async function recallLayer(fingerprint: string, env: NodeJS.ProcessEnv): Promise<{digest: string; size: number} | undefined> {
  const found = await readEntry<{digest: string; size: number}>(entry('layers', fingerprint, env))
  return typeof found?.digest === 'string' && typeof found.size === 'number' ? {digest: found.digest, size: found.size} : undefined
}

export async function rememberLayer(fingerprint: string, layer: {digest: string; size: number}, env: NodeJS.ProcessEnv): Promise<void> {
  await writeJsonAtomic(entry('layers', fingerprint, env), {digest: layer.digest, size: layer.size})
}

export async function knownRepository(digest: string, registry: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return (await readEntry<Record<string, string>>(entry('sources', digest, env)))?.[registry]
}

export async function rememberRepository(digest: string, registry: string, repository: string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = entry('sources', digest, env)
  const found = (await readEntry<Record<string, string>>(file)) ?? {}
  if (found[registry] === repository) return
  await writeJsonAtomic(file, {...found, [registry]: repository})
}

export async function recallPulled(layerDigest: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const found = await readEntry<{integrity: string}>(entry('pulled', layerDigest, env))
  return typeof found?.integrity === 'string' ? found.integrity : undefined
}

export async function rememberPulled(layerDigest: string, integrity: string, env: NodeJS.ProcessEnv): Promise<void> {
  await writeJsonAtomic(entry('pulled', layerDigest, env), {integrity})
}
