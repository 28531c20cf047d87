/**
 * Pull: resolve the manifest (OCI, Docker v2, or an index holding our artifact), then stream the
 * layer from the registry through a digest and size check straight into a store stage, so its
 * files are written once and enter the store by rename only after the whole blob verified.
 * A layer pulled before is found through the registry cache and downloads nothing.
 */
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {AigogoError, dataError, type PackageTrustCapability, printData, progress, setActivity, type StoreCapability, type StoredPackage, warn} from '@aigogo/sdk/core'

import {sha256Digest} from './digest.js'
import type {WireFormat} from './format.js'
import {recallPulled, rememberPulled} from './layer-cache.js'
import {formatReference} from './reference.js'
import {backoff, isRetryableError, retryPolicyFromEnv} from './retry.js'
import {createSession, type Session} from './session.js'
import {enforceTrust} from './trust.js'
import {unpackLayer} from './tar/unpack.js'
import {layerLimitsFromEnv, layerTooLarge} from './tar/limits.js'
import {BlobVerifier} from './blob-verifier.js'
import {transferError} from './errcode.js'
import {idleTimeoutFromEnv, watchBody} from './transport/stall.js'

import {type ResolvedPackage, resolvePackage} from './resolve-package.js'

/**
 * Downloads the package layer into a store stage and commits it. A connection dropped or
 * stalled mid-blob starts the blob again in a fresh stage (the retry layer only sees response
 * headers); after the retry budget it is a coded error. A bad or oversized layer is not retried.
 */
export async function downloadIntoStore(resolved: ResolvedPackage, store: StoreCapability, env: NodeJS.ProcessEnv, onBytes?: (n: number) => void, expectedIntegrity?: string): Promise<StoredPackage> {
  const {layer, config, format} = resolved.manifest
  const policy = retryPolicyFromEnv(env)
  const limits = layerLimitsFromEnv(env)
  const idleMs = idleTimeoutFromEnv(env)
  // An uncompressed layer's size is its inflated size: refuse it before downloading a byte.
  if (!isGzipLayer(layer.mediaType) && layer.size > limits.maxBytes) throw layerTooLarge(limits.maxBytes)
  const restore = setActivity(`pulling ${formatReference(resolved.ref)}: downloading layer ${layer.digest}`)
  try {
    for (let attempt = 0; ; attempt++) {
      const stage = await store.stage()
      const verifier = new BlobVerifier(layer, onBytes)
      try {
        const response = await resolved.repository.fetchBlob(layer.digest)
        const files = await unpackLayer(verifier.through(watchBody(response.body, idleMs)), stage, limits)
        verifier.check(resolved.repository.registry)
        if (!files.includes('aigogo.json')) {
          throw dataError('PACKAGE_NO_MANIFEST', `${formatReference(resolved.ref)} has no aigogo.json in its layer`, ['check the reference; this is not an aigogo package'])
        }
        const manifestBytes = await readFile(join(stage.dir, 'aigogo.json'))
        // An OCI artifact's config blob is the package's aigogo.json; the layer must carry the same bytes.
        if (format === 'oci' && sha256Digest(manifestBytes) !== config.digest) {
          throw dataError('PACKAGE_CONFIG_MISMATCH', `${formatReference(resolved.ref)}: the aigogo.json in its layer is not the config blob ${config.digest} its manifest names`, [
            'the package was assembled inconsistently; do not install it, and tell its publisher',
          ], {config: config.digest})
        }
        return await stage.commit({expectedIntegrity, files, manifestBytes})
      } catch (error) {
        if (!isRetryableError(error)) throw naming(error, formatReference(resolved.ref))
        if (attempt >= policy.retries) throw transferError(error, resolved.repository.registry, `download layer ${layer.digest}`, attempt + 1)
        onBytes?.(-verifier.received)
        await sleep(backoff(policy, attempt))
      } finally {
        await stage.discard()
      }
    }
  } finally {
    restore()
  }
}

/** A refused layer's error (LAYER_*, PACKAGE_*), with the reference it came from in front. */
function naming(error: unknown, ref: string): unknown {
  if (!AigogoError.is(error) || error.bucket !== 'data' || error.message.includes(ref)) return error
  return new AigogoError(`${ref}: ${error.message}`, {bucket: error.bucket, cause: error, code: error.code, details: error.details, hints: error.hints})
}

function isGzipLayer(mediaType: string): boolean {
  return mediaType.endsWith('gzip')
}

/**
 * A package pulled before, when its store copy passes the store's check. A modified copy is
 * taken out of the store, so the caller pulls it again (the layer digest is verified on the way).
 */
async function intactCopy(store: StoreCapability, integrity: string): Promise<StoredPackage | undefined> {
  const check = await store.check(integrity)
  if (check.state === 'intact') return store.get(integrity)
  if (check.state === 'tampered') {
    warn(`the stored copy of ${integrity} had been modified (${check.changed.join(', ') || 'which file is unknown'}); pulling it again`)
    await store.remove(integrity)
  }
  return undefined
}

export interface PullResult {
  ref: string
  digest: string
  format: WireFormat
  stored: StoredPackage
  /** The key id the trust policy verified; absent when no policy scope covers the package. */
  signer?: string
}

export interface PullOptions {
  json?: boolean
  env?: NodeJS.ProcessEnv
  expectedIntegrity?: string
  /** The trust policy to enforce (capability 'package-trust'); absent: none is checked. */
  trust?: PackageTrustCapability
  /** Where the project's policy is looked for. */
  projectDir?: string
}

export async function pullPackage(session: Session, store: StoreCapability, text: string, options: PullOptions = {}): Promise<PullResult> {
  const env = options.env ?? process.env
  const expected = options.expectedIntegrity ? normalizeIntegrity(options.expectedIntegrity) : undefined
  const resolved = await resolvePackage(session, text)
  // Before a byte of the layer is read, and before a copy already in the store is handed out:
  // a refused package leaves the store, the caches and the lock as they were.
  const decision = await enforceTrust(resolved, options.trust, options.projectDir)
  const signer = decision?.signer
  const {layer} = resolved.manifest
  const known = await recallPulled(layer.digest, env)
  let stored = known ? await intactCopy(store, known) : undefined
  if (!stored) {
    const meter = progress(`Pulling ${formatReference(resolved.ref)}`, layer.size, {json: options.json, unit: 'bytes'})
    try {
      // The store refuses a package with another integrity, so a mismatch leaves nothing behind.
      stored = await downloadIntoStore(resolved, store, env, (n) => meter.tick(n), expected)
    } catch (error) {
      const actual = (error as AigogoError).details?.actual
      if (expected && AigogoError.is(error) && error.code === 'INTEGRITY_MISMATCH' && typeof actual === 'string') throw integrityMismatch(text, actual, expected)
      throw error
    } finally {
      meter.done() // a failure's message then starts on a line of its own
    }
    await rememberPulled(layer.digest, stored.integrity, env)
  }
  // Already in the store (pulled before): it stays, it is just not what was asked for.
  if (expected && expected !== stored.integrity) throw integrityMismatch(text, stored.integrity, expected)
  return {digest: resolved.digest, format: resolved.manifest.format, ref: text, stored, ...(signer ? {signer} : {})}
}

function integrityMismatch(ref: string, actual: string, expected: string): AigogoError {
  return dataError('INTEGRITY_MISMATCH', `${ref} has integrity ${actual}, but ${expected} was expected`, [
    'the tag now points to different content; if that is intended, update the lock (aigogo add again)',
  ], {actual, expected, ref})
}

function normalizeIntegrity(value: string): string {
  return value.startsWith('sha256:') ? value : `sha256:${value}`
}

export interface PullReport {
  ref: string
  digest: string
  format: string
  integrity: string
  name: string
  version: string
  path: string
  /** The key id whose signature the trust policy verified. */
  signer?: string
}

/** `aigogo pull <ref>`, for the command and its fast path alike (the fast path never passes a policy). */
export async function runPull(store: StoreCapability, options: {ref: string; json: boolean; trust?: PackageTrustCapability; projectDir?: string}): Promise<PullReport> {
  const session = createSession()
  try {
    const result = await pullPackage(session, store, options.ref, {json: options.json, projectDir: options.projectDir, trust: options.trust})
    const report: PullReport = {
      digest: result.digest,
      format: result.format,
      integrity: result.stored.integrity,
      name: result.stored.manifest.name,
      path: result.stored.path,
      ref: result.ref,
      version: result.stored.manifest.version,
      ...(result.signer ? {signer: result.signer} : {}),
    }
    if (!options.json) {
      const lines = [`Pulled ${report.name} ${report.version} from ${report.ref}`, `Digest: ${report.digest}`, `Integrity: ${report.integrity}`]
      if (report.signer) lines.push(`Signed by: ${report.signer} (verified against the trust policy)`)
      printData(lines.join('\n'))
    }
    return report
  } finally {
    await session.close()
  }
}
