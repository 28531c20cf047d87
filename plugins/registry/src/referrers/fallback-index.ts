/**
 * The OCI 1.1 referrers tag schema, for registries without the referrers API (Distribution 2.8):
 * the subject's referrers are listed in an image index tagged `sha256-<hex>` of the subject's
 * digest. Writers read it, add their descriptor, and put it back, keeping every other entry.
 */
import {AigogoError, preconditionError, type ReferrerDescriptor, type ReferrerSubject} from '@aigogo/sdk/core'

import {MediaType} from '../constants.js'
import {digestHex} from '../digest.js'
import type {Repository} from '../repository.js'
import {descriptorsOf, describeSubject, isImageIndex, referrersIndexInvalid} from './descriptors.js'

/** Attempts to land our entry when another writer's update crosses ours (no If-Match in Distribution). */
const WRITE_ATTEMPTS = 4

export function fallbackTag(digest: string): string {
  return `sha256-${digestHex(digest)}`
}

export interface FallbackIndex {
  /** The index as stored (other fields kept when we write it back); undefined when the tag does not exist. */
  value?: Record<string, unknown> & {manifests: unknown[]}
  referrers: ReferrerDescriptor[]
}

export async function readFallbackIndex(repository: Repository, subject: Pick<ReferrerSubject, 'registry' | 'repository' | 'digest'>): Promise<FallbackIndex> {
  const tag = fallbackTag(subject.digest)
  let bytes: Buffer
  try {
    bytes = (await repository.fetchManifest(tag)).bytes
  } catch (error) {
    // No tag (or no repository): nobody attached anything through the fallback yet.
    if (AigogoError.is(error) && error.code === 'REGISTRY_NOT_FOUND') return {referrers: []}
    throw error
  }
  const where = `${subject.registry}/${subject.repository}:${tag}`
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw referrersIndexInvalid(where, 'it is not JSON')
  }
  if (!isImageIndex(value)) throw referrersIndexInvalid(where, 'it has no schemaVersion 2 "manifests" list')
  return {referrers: descriptorsOf(value), value: value as FallbackIndex['value']}
}

/**
 * Adds `descriptor` to the subject's fallback index unless it is listed already. After the PUT
 * the index is read again: when a concurrent writer replaced it without our entry, we merge again.
 */
export async function addToFallbackIndex(repository: Repository, subject: ReferrerSubject, descriptor: ReferrerDescriptor): Promise<void> {
  const tag = fallbackTag(subject.digest)
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const current = await readFallbackIndex(repository, subject)
    if (current.referrers.some((r) => r.digest === descriptor.digest)) return
    // Entries are kept as they were stored (fields we do not know included); ours goes last.
    const index = {
      ...(current.value ?? {}),
      manifests: [...(current.value?.manifests ?? []), descriptor],
      mediaType: MediaType.ociIndex,
      schemaVersion: 2,
    }
    await repository.putManifest(tag, Buffer.from(JSON.stringify(index)), MediaType.ociIndex)
  }
  const after = await readFallbackIndex(repository, subject)
  if (after.referrers.some((r) => r.digest === descriptor.digest)) return
  throw preconditionError('REFERRERS_INDEX_BUSY', `the referrers index of ${describeSubject(subject)} kept changing while we added ${descriptor.digest} to it`, [
    "another client is writing the same package's referrers; try again in a moment",
  ], {digest: descriptor.digest, tag})
}
