/**
 * Attaching an artifact to a package (OCI 1.1): the payload blob, the empty config, and an image
 * manifest with `artifactType`, `subject` and the payload as its one layer, put by digest. A
 * registry with the referrers API says so with an OCI-Subject header; without it, the fallback
 * index under `sha256-<hex>` is updated (as oras-go does on push).
 */
import type {AttachOptions, ReferrerDescriptor, ReferrerSubject} from '@aigogo/sdk/core'

import {EMPTY_JSON, Header, MAX_REFERRER_PAYLOAD_BYTES, MediaType} from '../constants.js'
import {sha256Digest} from '../digest.js'
import {pushBlob} from '../push.js'
import type {Descriptor, Repository} from '../repository.js'
import {header} from '../transport/types.js'
import {describeSubject, referrerInvalid} from './descriptors.js'
import {addToFallbackIndex} from './fallback-index.js'

export interface Attached {
  descriptor: ReferrerDescriptor
  /** Whether the registry indexed it itself (OCI-Subject) or the fallback tag was written. */
  via: 'api' | 'tag'
}

export async function attachReferrer(repository: Repository, subject: ReferrerSubject, options: AttachOptions): Promise<Attached> {
  if (options.payload.length > MAX_REFERRER_PAYLOAD_BYTES) {
    throw referrerInvalid(describeSubject(subject), `the payload is ${options.payload.length} bytes, more than the ${MAX_REFERRER_PAYLOAD_BYTES / 2 ** 20} MiB a referrer may carry`)
  }
  const payload: Descriptor = {digest: sha256Digest(options.payload), mediaType: options.payloadMediaType, size: options.payload.length}
  const emptyBytes = Buffer.from(EMPTY_JSON)
  const empty: Descriptor = {digest: sha256Digest(emptyBytes), mediaType: MediaType.ociEmpty, size: emptyBytes.length}
  const none = (): void => {}
  await Promise.all([
    pushBlob(repository, empty, {bytes: emptyBytes}, undefined, none),
    pushBlob(repository, payload, {bytes: options.payload}, undefined, none),
  ])
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType: options.artifactType,
    config: empty,
    layers: [payload],
    subject: {digest: subject.digest, mediaType: subject.mediaType, size: subject.size},
    ...(options.annotations && Object.keys(options.annotations).length > 0 ? {annotations: options.annotations} : {}),
  }
  const bytes = Buffer.from(JSON.stringify(manifest))
  const descriptor: ReferrerDescriptor = {
    artifactType: options.artifactType,
    digest: sha256Digest(bytes),
    mediaType: MediaType.ociManifest,
    size: bytes.length,
    ...(manifest.annotations ? {annotations: manifest.annotations} : {}),
  }
  const headers = await repository.putManifest(descriptor.digest, bytes, MediaType.ociManifest)
  const answered = header({headers}, Header.ociSubject)
  if (answered === subject.digest) return {descriptor, via: 'api'}
  await addToFallbackIndex(repository, subject, descriptor)
  return {descriptor, via: 'tag'}
}
