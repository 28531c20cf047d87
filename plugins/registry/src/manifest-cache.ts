/**
 * What a reference named when `info` last answered for it here, for `info --offline`: manifests by
 * digest under cache/registry/manifests/<hex> (content addressed, checked against the digest when
 * read, so never stale), and per tag the digest it named under cache/registry/tags/<sha256 of the
 * reference>, whose mtime says when the registry last confirmed it. A manifest asked for by digest
 * is answered from here online too: the digest names exactly those bytes.
 *
 * Reads are synchronous (a few hundred bytes; info loads no node:fs/promises for them). A write
 * that fails (read-only home, full disk) is not an error: the cache only saves requests.
 */
import {readFileSync, statSync, utimesSync} from 'node:fs'
import {join} from 'node:path'

import {aigogoDirs, writeFileAtomic} from '@aigogo/sdk/core'

import {sha256Hex} from './digest.js'
import type {Reference} from './reference.js'
import type {FetchedManifest} from './repository.js'

const DIGEST = /^sha256:([a-f0-9]{64})$/

function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(aigogoDirs(env).cache, 'registry')
}

/** cache/registry/<kind>/<hex> of a digest: the only name a kept blob gets (config blobs too, search/config-cache.ts). */
export function keptFile(kind: 'configs' | 'manifests', digest: string, env: NodeJS.ProcessEnv): string | undefined {
  const hex = DIGEST.exec(digest)?.[1]
  return hex ? join(cacheDir(env), kind, hex) : undefined
}

/** The tag's record; the file name hides the reference, so no registry or repository name becomes a path. */
function tagFile(ref: Reference, env: NodeJS.ProcessEnv): {file: string; name: string} {
  const name = `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`
  return {file: join(cacheDir(env), 'tags', sha256Hex(name)), name}
}

/** A kept file's bytes, or undefined. Synchronous: a few hundred bytes. */
export function readKept(file: string | undefined): Buffer | undefined {
  try {
    return file ? readFileSync(file) : undefined
  } catch {
    return undefined
  }
}

/** The media type a manifest declares in its body; one that declares none is not kept (the registry's header said it). */
function declaredMediaType(bytes: Buffer): string | undefined {
  try {
    const type = (JSON.parse(bytes.toString('utf8')) as {mediaType?: unknown}).mediaType
    return typeof type === 'string' ? type : undefined
  } catch {
    return undefined
  }
}

/** A kept manifest whose bytes still have its digest, or undefined. */
export function keptManifest(digest: string, env: NodeJS.ProcessEnv = process.env): FetchedManifest | undefined {
  const bytes = readKept(keptFile('manifests', digest, env))
  if (!bytes || `sha256:${sha256Hex(bytes)}` !== digest) return undefined
  const mediaType = declaredMediaType(bytes)
  return mediaType ? {bytes, digest, mediaType} : undefined
}

/** The digest the tag named when the registry last answered for it here, and when that was. */
export function keptTag(ref: Reference, env: NodeJS.ProcessEnv = process.env): {digest: string; confirmedAt: Date} | undefined {
  const {file, name} = tagFile(ref, env)
  const bytes = readKept(file)
  if (!bytes) return undefined
  try {
    const record = JSON.parse(bytes.toString('utf8')) as {ref?: unknown; digest?: unknown}
    if (record.ref !== name || typeof record.digest !== 'string' || !DIGEST.test(record.digest)) return undefined
    return {confirmedAt: statSync(file).mtime, digest: record.digest}
  } catch {
    return undefined
  }
}

/** Keeps a manifest the registry sent (once: the digest names its bytes). */
export async function keepManifest(fetched: FetchedManifest, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = keptFile('manifests', fetched.digest, env)
  // Kept already when the file holds these bytes (they hash to the digest: fetchManifest checked).
  if (!file || fetched.mediaType !== declaredMediaType(fetched.bytes) || readKept(file)?.equals(fetched.bytes)) return
  await writeFileAtomic(file, fetched.bytes).catch(() => undefined)
}

/** Records what the tag named just now: rewritten when it moved, else only its time. */
export async function keepTag(ref: Reference, digest: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (ref.digest) return
  const {file, name} = tagFile(ref, env)
  if (keptTag(ref, env)?.digest === digest) {
    const now = new Date()
    try {
      utimesSync(file, now, now)
    } catch {
      // Unwritable: the time stays older, which only understates the record.
    }
    return
  }
  await writeFileAtomic(file, `${JSON.stringify({digest, ref: name})}\n`).catch(() => undefined)
}
