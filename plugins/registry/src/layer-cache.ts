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

function dir(env: NodeJS.ProcessEnv, kind: string): string {
  return join(aigogoDirs(env).cache, 'registry', kind)
}

export async function recallLayer(fingerprint: string, env: NodeJS.ProcessEnv): Promise<{digest: string; size: number} | undefined> {
  try {
    return (await readJsonFile(join(dir(env, 'layers'), sha256Hex(fingerprint)), what)) as {digest: string; size: number} | undefined
  } catch {
    return undefined
  }
}

export async function rememberLayer(fingerprint: string, layer: {digest: string; size: number}, env: NodeJS.ProcessEnv): Promise<void> {
  await writeJsonAtomic(join(dir(env, 'layers'), sha256Hex(fingerprint)), {digest: layer.digest, size: layer.size})
}

export async function knownRepository(digest: string, registry: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const found = (await readJsonFile(join(dir(env, 'sources'), sha256Hex(digest)), what)) as Record<string, string> | undefined
    return found?.[registry]
  } catch {
    return undefined
  }
}

export async function rememberRepository(digest: string, registry: string, repository: string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = join(dir(env, 'sources'), sha256Hex(digest))
  let found: Record<string, string> = {}
  try {
    found = ((await readJsonFile(file, what)) as Record<string, string> | undefined) ?? {}
  } catch {}
  if (found[registry] === repository) return
  await writeJsonAtomic(file, {...found, [registry]: repository})
}

export async function recallPulled(layerDigest: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const found = (await readJsonFile(join(dir(env, 'pulled'), sha256Hex(layerDigest)), what)) as {integrity?: unknown} | undefined
    return typeof found?.integrity === 'string' ? found.integrity : undefined
  } catch {
    return undefined
  }
}

export async function rememberPulled(layerDigest: string, integrity: string, env: NodeJS.ProcessEnv): Promise<void> {
  await writeJsonAtomic(join(dir(env, 'pulled'), sha256Hex(layerDigest)), {integrity})
}
