/**
 * Pull: resolve the manifest (OCI, Docker v2, or an index holding our artifact), download the
 * layer into the blob cache with digest and size checks, unpack it safely, and put the package
 * into the content-addressable store.
 */
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {AigogoError, dataError, progress, type StoreCapability, type StoredPackage} from '@aigogo/sdk'

import {admitBlob, cachedBlob, stagingFile, writeHashed} from './blob-cache.js'
import {chooseFromIndex, isIndex, ManifestShapeError, type ParsedManifest, parseImageManifest, type WireFormat} from './format.js'
import {formatReference, manifestReference, parseReference, type Reference} from './reference.js'
import {type Descriptor, Repository} from './repository.js'
import {backoff, isRetryableError, retryPolicyFromEnv} from './retry.js'
import type {Session} from './session.js'
import {unpackLayer} from './tar/unpack.js'

export interface ResolvedPackage {
  ref: Reference
  repository: Repository
  /** Digest of the image manifest (not of an index that pointed to it). */
  digest: string
  manifestBytes: Buffer
  manifest: ParsedManifest
}

function invalidManifest(ref: string, error: unknown): AigogoError {
  return dataError('MANIFEST_INVALID', `${ref} is not an aigogo package: ${(error as Error).message}`, [
    'check the reference; it must point to something pushed with aigogo push (or the upstream Go aigogo)',
  ], {ref})
}

export async function resolvePackage(session: Session, text: string): Promise<ResolvedPackage> {
  const ref = parseReference(text, {defaultTag: 'latest'})
  const repository = new Repository(session, ref)
  let fetched = await repository.fetchManifest(manifestReference(ref))
  try {
    if (isIndex(fetched.mediaType)) fetched = await repository.fetchManifest(chooseFromIndex(fetched.bytes).digest)
    return {digest: fetched.digest, manifest: parseImageManifest(fetched.bytes, fetched.mediaType), manifestBytes: fetched.bytes, ref, repository}
  } catch (error) {
    if (error instanceof ManifestShapeError || error instanceof SyntaxError) throw invalidManifest(text, error)
    throw error
  }
}

/** The blob's path in the cache, downloading (and verifying) it when absent. */
export async function downloadBlob(repository: Repository, descriptor: Descriptor, env: NodeJS.ProcessEnv, onBytes?: (n: number) => void): Promise<string> {
  const cached = await cachedBlob(descriptor.digest, descriptor.size, env)
  if (cached) {
    onBytes?.(descriptor.size)
    return cached
  }
  const policy = retryPolicyFromEnv(env)
  for (let attempt = 0; ; attempt++) {
    const staged = await stagingFile(env)
    let received = 0
    try {
      const response = await repository.fetchBlob(descriptor.digest)
      const written = await writeHashed(response.body, staged, (n) => {
        received += n
        onBytes?.(n)
      }, descriptor.size)
      if (written.size !== descriptor.size || written.digest !== descriptor.digest) {
        throw dataError('BLOB_DIGEST_MISMATCH', `blob ${descriptor.digest} from ${repository.registry} arrived as ${written.digest} (${written.size} of ${descriptor.size} bytes)`, [
          'the registry sent corrupt data; try again, and tell the registry owner if it persists',
        ], {digest: descriptor.digest})
      }
      return await admitBlob(staged, descriptor.digest, env)
    } catch (error) {
      await rm(staged, {force: true})
      // A connection dropped mid-blob: start that blob again (the retry layer only sees headers).
      if (attempt >= policy.retries || !isRetryableError(error)) throw error
      onBytes?.(-received)
      await sleep(backoff(policy, attempt))
    }
  }
}

export interface PullResult {
  ref: string
  digest: string
  format: WireFormat
  stored: StoredPackage
}

export async function pullPackage(session: Session, store: StoreCapability, text: string, options: {json?: boolean; env?: NodeJS.ProcessEnv; expectedIntegrity?: string} = {}): Promise<PullResult> {
  const env = options.env ?? process.env
  const resolved = await resolvePackage(session, text)
  const {layer} = resolved.manifest
  const meter = progress(`Pulling ${formatReference(resolved.ref)}`, layer.size, {json: options.json, unit: 'bytes'})
  const blob = await downloadBlob(resolved.repository, layer, env, (n) => meter.tick(n))
  meter.done()
  const staging = await stagingFile(env, 'unpack')
  try {
    const files = await unpackLayer(blob, staging)
    if (!files.includes('aigogo.json')) {
      throw dataError('PACKAGE_NO_MANIFEST', `${text} has no aigogo.json in its layer`, ['check the reference; this is not an aigogo package'])
    }
    const manifestBytes = await readFile(join(staging, 'aigogo.json'))
    const stored = await store.putFromDirectory({dir: staging, files, manifestBytes})
    if (options.expectedIntegrity && normalizeIntegrity(options.expectedIntegrity) !== stored.integrity) {
      throw dataError('INTEGRITY_MISMATCH', `${text} has integrity ${stored.integrity}, but ${options.expectedIntegrity} was expected`, [
        'the tag now points to different content; if that is intended, update the lock (aigogo add again)',
      ], {actual: stored.integrity, expected: options.expectedIntegrity, ref: text})
    }
    return {digest: resolved.digest, format: resolved.manifest.format, ref: text, stored}
  } finally {
    await rm(staging, {force: true, recursive: true})
  }
}

function normalizeIntegrity(value: string): string {
  return value.startsWith('sha256:') ? value : `sha256:${value}`
}
