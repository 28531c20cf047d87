/**
 * The one implementation of both wire formats (docs/FORMAT.md):
 *  - "oci": an OCI 1.1 artifact, config = aigogo.json, one reproducible tar layer;
 *  - "upstream": the Docker-v2 image the upstream Go aigogo pushes and pulls.
 */
import {byCodePoint, type PackageManifest} from '@aigogo/sdk/core'

import {Annotation, EMPTY_JSON, MediaType, UPSTREAM_MARKER} from './constants.js'
import {sha256Digest} from './digest.js'
import type {Descriptor} from './repository.js'
import {comparePaths, type TarEntry} from './tar/writer.js'

export type WireFormat = 'oci' | 'upstream'
export const WIRE_FORMATS: readonly WireFormat[] = ['oci', 'upstream']

export interface PackageInput {
  /** Directory holding the package files. */
  dir: string
  /** Relative paths, aigogo.json included. */
  files: readonly string[]
  sizes: ReadonlyMap<string, number>
  manifestBytes: Uint8Array
  manifest: PackageManifest
  /** The local build ref (upstream's marker names it). */
  buildRef: string
}

export function layerEntries(input: PackageInput, format: WireFormat): TarEntry[] {
  const files = [...input.files].sort(comparePaths).map(
    (path): TarEntry => (path === 'aigogo.json' ? {bytes: input.manifestBytes, path, size: input.manifestBytes.length} : {file: `${input.dir}/${path}`, path, size: input.sizes.get(path) ?? 0}),
  )
  if (format === 'oci') return files
  // Go marshals a map: sorted keys, compact. The upstream tool skips this entry on extract.
  const marker = Buffer.from(JSON.stringify({name: input.buildRef, version: 'local'}))
  return [{bytes: marker, path: UPSTREAM_MARKER, size: marker.length}, ...files]
}

export function configFor(input: PackageInput, format: WireFormat): {descriptor: Descriptor; bytes: Buffer} {
  const bytes = format === 'oci' ? Buffer.from(input.manifestBytes) : Buffer.from(EMPTY_JSON)
  return {bytes, descriptor: {digest: sha256Digest(bytes), mediaType: format === 'oci' ? MediaType.packageConfig : MediaType.dockerConfig, size: bytes.length}}
}

export function layerDescriptor(input: PackageInput, format: WireFormat, written: {digest: string; size: number}): Descriptor {
  if (format === 'upstream') return {digest: written.digest, mediaType: MediaType.dockerLayerTar, size: written.size}
  return {
    annotations: {[Annotation.title]: `${input.manifest.name}-${input.manifest.version}.tar`},
    digest: written.digest,
    mediaType: MediaType.ociLayerTar,
    size: written.size,
  }
}

function packageAnnotations(manifest: PackageManifest): Record<string, string> {
  const entries: [string, string | undefined][] = [
    [Annotation.title, manifest.name],
    [Annotation.version, manifest.version],
    [Annotation.description, manifest.ai?.summary ?? manifest.description],
    [Annotation.authors, manifest.author],
    [Annotation.licenses, manifest.metadata?.license],
    [Annotation.url, manifest.metadata?.homepage],
    [Annotation.language, manifest.language?.name],
  ]
  const annotations: Record<string, string> = {}
  // By code point: the same order as localeCompare for these ASCII keys, so the same manifest bytes.
  for (const [key, value] of entries.sort(([a], [b]) => byCodePoint(a, b))) if (value) annotations[key] = value
  return annotations
}

/** The manifest bytes. No timestamps, so one build always gives one digest. */
export function manifestFor(input: PackageInput, format: WireFormat, config: Descriptor, layer: Descriptor): {bytes: Buffer; mediaType: string} {
  if (format === 'upstream') {
    // Byte-compatible with the Go tool: a map marshalled with sorted keys, compact, no newline.
    const value = {config, layers: [layer], mediaType: MediaType.dockerManifest, schemaVersion: 2}
    return {bytes: Buffer.from(JSON.stringify(sortKeys(value))), mediaType: MediaType.dockerManifest}
  }
  const value = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType: MediaType.artifact,
    config,
    layers: [layer],
    annotations: packageAnnotations(input.manifest),
  }
  return {bytes: Buffer.from(JSON.stringify(value)), mediaType: MediaType.ociManifest}
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]))
  }
  return value
}

export interface ParsedManifest {
  format: WireFormat
  mediaType: string
  config: Descriptor
  layer: Descriptor
  annotations: Record<string, string>
}

function descriptorOf(value: unknown, what: string): Descriptor {
  const d = value as Partial<Descriptor> | undefined
  if (!d || typeof d.digest !== 'string' || typeof d.size !== 'number' || !/^sha256:[a-f0-9]{64}$/.test(d.digest) || d.size < 0) {
    throw new ManifestShapeError(`its ${what} descriptor has no valid sha256 digest and size`)
  }
  return {annotations: d.annotations, digest: d.digest, mediaType: typeof d.mediaType === 'string' ? d.mediaType : '', size: d.size}
}

export class ManifestShapeError extends Error {}

/** Reads an image manifest (OCI or Docker v2) and says which of our formats it is. */
export function parseImageManifest(bytes: Buffer, mediaType: string): ParsedManifest {
  let value: {config?: unknown; layers?: unknown[]; artifactType?: string; annotations?: Record<string, string>; schemaVersion?: number}
  try {
    value = JSON.parse(bytes.toString('utf8')) as typeof value
  } catch {
    throw new ManifestShapeError('it is not valid JSON')
  }
  if (value.schemaVersion !== 2) throw new ManifestShapeError(`schemaVersion is ${String(value.schemaVersion)}, expected 2`)
  if (!Array.isArray(value.layers) || value.layers.length === 0) throw new ManifestShapeError('it has no layers')
  const config = descriptorOf(value.config, 'config')
  const layer = descriptorOf(value.layers[0], 'layer')
  const ours = value.artifactType === MediaType.artifact || config.mediaType === MediaType.packageConfig
  return {annotations: value.annotations ?? {}, config, format: ours ? 'oci' : 'upstream', layer, mediaType}
}

export function isIndex(mediaType: string): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList
}

/** From an image index, the entry that is an aigogo package (by artifactType), else the first. */
export function chooseFromIndex(bytes: Buffer): Descriptor {
  const value = JSON.parse(bytes.toString('utf8')) as {manifests?: Descriptor[]}
  const manifests = value.manifests ?? []
  const chosen = manifests.find((m) => m.artifactType === MediaType.artifact) ?? manifests[0]
  if (!chosen) throw new ManifestShapeError('the image index lists no manifests')
  return descriptorOf(chosen, 'index entry')
}
