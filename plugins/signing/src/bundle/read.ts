/**
 * Reading a bundle fetched from a registry: everything in it is untrusted input. It is checked
 * (size, JSON, media type, a message signature over exactly this manifest) before sigstore-js sees
 * it, and any failure is a reason string, never an exception: the caller reports SIGNATURE_INVALID.
 */

import {quoteUntrusted} from '@aigogo/sdk/core'
import type {Bundle} from '@sigstore/bundle'

import {MAX_BUNDLE_BYTES, SIGSTORE_BUNDLE_MEDIA_TYPE} from '../constants.js'
import {sigstoreBundle} from './sigstore.js'

export type ReadBundle =
  /** A key-based message signature over this manifest; keyHint as the bundle states it (unauthenticated). */
  | {kind: 'key'; keyHint: string; bundle: Bundle}
  /** Well-formed, but signed by an identity aigogo cannot check (a keyless certificate). */
  | {kind: 'foreign'; reason: string}
  | {kind: 'invalid'; reason: string}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export async function readBundle(bytes: Uint8Array, manifestBytes: Uint8Array): Promise<ReadBundle> {
  if (bytes.byteLength > MAX_BUNDLE_BYTES) return {kind: 'invalid', reason: `the bundle is ${bytes.byteLength} bytes, more than ${MAX_BUNDLE_BYTES}`}
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes))
  } catch {
    return {kind: 'invalid', reason: 'the bundle is not UTF-8 JSON'}
  }
  if (!isObject(json)) return {kind: 'invalid', reason: 'the bundle is not a JSON object'}
  if (json.mediaType !== SIGSTORE_BUNDLE_MEDIA_TYPE) {
    return {kind: 'invalid', reason: `the bundle's mediaType is ${quoteUntrusted(String(json.mediaType))}, not ${SIGSTORE_BUNDLE_MEDIA_TYPE}`}
  }
  const message = json.messageSignature
  if (!isObject(message) || json.dsseEnvelope !== undefined) return {kind: 'invalid', reason: 'the bundle holds no message signature (a DSSE attestation is not a package signature)'}
  const digest = message.messageDigest
  if (!isObject(digest) || digest.algorithm !== 'SHA2_256' || typeof digest.digest !== 'string') {
    return {kind: 'invalid', reason: 'the bundle has no SHA2_256 message digest'}
  }
  const expected = process.getBuiltinModule('node:crypto').createHash('sha256').update(manifestBytes).digest('base64')
  if (digest.digest !== expected) return {kind: 'invalid', reason: 'the bundle signs another manifest (its message digest is not this package\'s)'}
  const material = json.verificationMaterial
  if (!isObject(material)) return {kind: 'invalid', reason: 'the bundle has no verification material'}

  const {bundleFromJSON} = await sigstoreBundle()
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(json)
  } catch (error) {
    return {kind: 'invalid', reason: `the bundle is malformed: ${quoteUntrusted((error as Error).message ?? String(error), 120)}`}
  }
  const key = bundle.verificationMaterial.content
  if (key.$case !== 'publicKey') return {kind: 'foreign', reason: `the bundle is signed with a ${key.$case === 'certificate' ? 'certificate (keyless)' : key.$case}, which aigogo does not check yet`}
  return {bundle, keyHint: key.publicKey.hint, kind: 'key'}
}
