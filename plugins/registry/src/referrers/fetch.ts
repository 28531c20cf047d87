/**
 * A referrer's payload: its artifact manifest (fetched by digest, so its bytes are verified),
 * which must refer to this subject and carry exactly one layer, then that layer (size-capped,
 * digest-verified). Anything else is REFERRER_INVALID: a signature is read from nothing unverified.
 */
import {AigogoError, type ReferrerDescriptor, type ReferrerSubject} from '@aigogo/sdk/core'

import {MAX_REFERRER_PAYLOAD_BYTES, MediaType} from '../constants.js'
import {sha256Digest} from '../digest.js'
import type {Repository} from '../repository.js'
import {readLimited} from '../transport/body.js'
import {describeSubject, referrerDescriptor, referrerInvalid} from './descriptors.js'

const DATA_CODES = new Set(['MANIFEST_DIGEST_MISMATCH', 'REGISTRY_RESPONSE_TOO_LARGE'])

export async function fetchReferrer(repository: Repository, subject: ReferrerSubject, referrer: ReferrerDescriptor): Promise<Uint8Array> {
  const name = describeSubject(subject)
  const invalid = (why: string): AigogoError => referrerInvalid(name, why, {referrer: referrer.digest})
  if (!referrerDescriptor(referrer)) throw invalid('its descriptor has no valid sha256 digest, size and media type')
  if (referrer.mediaType !== MediaType.ociManifest) throw invalid(`it is a ${JSON.stringify(referrer.mediaType.slice(0, 100))}, not an OCI image manifest`)

  const bytes = await guarded(invalid, async () => (await repository.fetchManifest(referrer.digest)).bytes)
  if (bytes.length !== referrer.size) throw invalid(`its manifest is ${bytes.length} bytes, but it is listed as ${referrer.size}`)
  const manifest = parse(bytes)
  if (!manifest) throw invalid('its manifest is not a JSON object')
  if (manifest.schemaVersion !== 2 || (manifest.mediaType !== undefined && manifest.mediaType !== MediaType.ociManifest)) throw invalid('its manifest is not an OCI image manifest')
  const about = referrerDescriptor(manifest.subject)
  if (about?.digest !== subject.digest) throw invalid(`its manifest refers to ${about ? about.digest : 'no subject'}, not to this package`)
  if (referrer.artifactType !== undefined && manifest.artifactType !== undefined && manifest.artifactType !== referrer.artifactType) {
    throw invalid(`it is listed as ${JSON.stringify(referrer.artifactType)} but its manifest says ${JSON.stringify(String(manifest.artifactType).slice(0, 100))}`)
  }
  const layers = Array.isArray(manifest.layers) ? manifest.layers : []
  const layer = layers.length === 1 ? referrerDescriptor(layers[0]) : undefined
  if (!layer) throw invalid(`its manifest has ${layers.length === 1 ? 'a malformed layer' : `${layers.length} layers`}, not one payload`)
  if (layer.size > MAX_REFERRER_PAYLOAD_BYTES) throw invalid(`its payload is ${layer.size} bytes, more than the ${MAX_REFERRER_PAYLOAD_BYTES / 2 ** 20} MiB a referrer may carry`)

  return guarded(invalid, async () => {
    const response = await repository.fetchBlob(layer.digest)
    const payload = await readLimited(response, 'referrer payload', MAX_REFERRER_PAYLOAD_BYTES)
    if (payload.length !== layer.size || sha256Digest(payload) !== layer.digest) throw invalid(`its payload ${layer.digest} arrived as ${sha256Digest(payload)} (${payload.length} of ${layer.size} bytes)`)
    return new Uint8Array(payload)
  })
}

function parse(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Content the registry got wrong (a digest or size that does not match) is the referrer's fault. */
async function guarded<T>(invalid: (why: string) => AigogoError, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (AigogoError.is(error) && DATA_CODES.has(error.code)) throw invalid(error.message)
    throw error
  }
}
