/**
 * Reading referrer descriptors out of an image index (the referrers API's answer, or the
 * fallback index under the tag `sha256-<hex>`), and the one error for a referrer that is not
 * what it claims to be.
 */
import {type AigogoError, dataError, type ReferrerDescriptor} from '@aigogo/sdk/core'

import {MediaType} from '../constants.js'

const DIGEST = /^sha256:[a-f0-9]{64}$/

export function referrerInvalid(subject: string, why: string, details: Record<string, unknown> = {}): AigogoError {
  return dataError('REFERRER_INVALID', `a referrer of ${subject} is not valid: ${why}`, [
    'the registry holds an artifact that claims to refer to this package but is damaged or forged; do not trust it',
    'tell the registry owner or the package publisher if it persists',
  ], details)
}

export function referrersIndexInvalid(where: string, why: string): AigogoError {
  return dataError('REFERRERS_INDEX_INVALID', `the referrers index ${where} is not an OCI image index: ${why}`, [
    'something other than aigogo wrote that tag; aigogo neither reads nor overwrites it',
    'inspect it: skopeo inspect --raw docker://<registry>/<repository>:<tag>',
  ], {where})
}

/** Whether parsed JSON is an OCI image index (schemaVersion 2, a manifests list). */
export function isImageIndex(value: unknown): value is {manifests: unknown[]; mediaType?: string} {
  if (typeof value !== 'object' || value === null) return false
  const v = value as {schemaVersion?: unknown; mediaType?: unknown; manifests?: unknown}
  return v.schemaVersion === 2 && (v.mediaType === undefined || v.mediaType === MediaType.ociIndex) && Array.isArray(v.manifests)
}

/** A well-formed descriptor from an index entry, or undefined (a malformed entry is skipped, not fatal). */
export function referrerDescriptor(value: unknown): ReferrerDescriptor | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  if (typeof v.digest !== 'string' || !DIGEST.test(v.digest)) return undefined
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) return undefined
  if (typeof v.mediaType !== 'string' || v.mediaType === '') return undefined
  const descriptor: ReferrerDescriptor = {digest: v.digest, mediaType: v.mediaType, size: v.size}
  if (typeof v.artifactType === 'string') descriptor.artifactType = v.artifactType
  const annotations = stringRecord(v.annotations)
  if (annotations) descriptor.annotations = annotations
  return descriptor
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const entries = Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string')
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

/** The descriptors of an index, malformed ones and duplicates left out, in index order. */
export function descriptorsOf(index: {manifests: unknown[]}): ReferrerDescriptor[] {
  const seen = new Set<string>()
  const out: ReferrerDescriptor[] = []
  for (const entry of index.manifests) {
    const descriptor = referrerDescriptor(entry)
    if (!descriptor || seen.has(descriptor.digest)) continue
    seen.add(descriptor.digest)
    out.push(descriptor)
  }
  return out
}

export function describeSubject(subject: {registry: string; repository: string; digest: string}): string {
  return `${subject.registry}/${subject.repository}@${subject.digest}`
}
