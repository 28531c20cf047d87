/**
 * Push a local build: pack the layer (or reuse it), skip blobs the registry already has,
 * mount from a sibling repository where possible, upload the rest, then put the manifest.
 */
import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {type LocalBuild, progress, usageError} from '@aigogo/sdk'

import {admitBlob, cachedBlob, stagingFile, writeHashed} from './blob-cache.js'
import {mapLimit} from './concurrency.js'
import {BLOB_CONCURRENCY} from './constants.js'
import {sha256Digest} from './digest.js'
import {configFor, layerDescriptor, layerEntries, manifestFor, type PackageInput, type WireFormat} from './format.js'
import {knownRepository, recallLayer, rememberLayer, rememberRepository} from './layer-cache.js'
import {formatReference, manifestReference, parseReference} from './reference.js'
import {type BlobSource, type Descriptor, Repository} from './repository.js'
import type {Session} from './session.js'
import {tarStream} from './tar/writer.js'

export interface PushOptions {
  format: WireFormat
  json?: boolean
  env?: NodeJS.ProcessEnv
}

export interface PushResult {
  ref: string
  digest: string
  format: WireFormat
  mediaType: string
  size: number
  blobs: {digest: string; size: number; action: 'uploaded' | 'exists' | 'mounted'}[]
}

async function packageInput(build: LocalBuild): Promise<{input: PackageInput; fingerprint: string[]}> {
  const manifestBytes = await readFile(join(build.dir, 'aigogo.json'))
  const sizes = new Map<string, number>()
  const fingerprint: string[] = []
  for (const file of build.files) {
    const info = await stat(join(build.dir, file))
    sizes.set(file, info.size)
    fingerprint.push(`${file}\0${info.size}\0${info.mtimeMs}\0${info.ino}`)
  }
  return {fingerprint, input: {buildRef: build.ref, dir: build.dir, files: build.files, manifest: build.manifest, manifestBytes, sizes}}
}

async function buildLayer(input: PackageInput, format: WireFormat, fingerprint: string[], env: NodeJS.ProcessEnv): Promise<{digest: string; size: number; file: string}> {
  const key = JSON.stringify({fingerprint, format, manifest: Buffer.from(input.manifestBytes).toString('base64'), ref: input.buildRef, v: 1})
  const known = await recallLayer(key, env)
  if (known) {
    const file = await cachedBlob(known.digest, known.size, env)
    if (file) return {...known, file}
  }
  const staged = await stagingFile(env, 'layer')
  const written = await writeHashed(tarStream(layerEntries(input, format)), staged)
  const file = await admitBlob(staged, written.digest, env)
  await rememberLayer(key, written, env)
  return {...written, file}
}

export async function pushBuild(session: Session, build: LocalBuild, target: string, options: PushOptions): Promise<PushResult> {
  const env = options.env ?? process.env
  const ref = parseReference(target, {defaultTag: build.version})
  if (ref.digest) {
    throw usageError('PUSH_BY_DIGEST', `cannot push to a digest (${target}); push to a tag`, [`for example: aigogo push ${ref.registry}/${ref.repository}:${build.version} --from ${build.ref}`])
  }
  const {fingerprint, input} = await packageInput(build)
  const layer = await buildLayer(input, options.format, fingerprint, env)
  const config = configFor(input, options.format)
  const layerDesc = layerDescriptor(input, options.format, layer)
  const manifest = manifestFor(input, options.format, config.descriptor, layerDesc)

  const blobs: {descriptor: Descriptor; source: BlobSource}[] = [
    {descriptor: config.descriptor, source: {bytes: config.bytes}},
    {descriptor: layerDesc, source: {file: layer.file}},
  ]
  const mountFrom = new Map<string, string>()
  for (const {descriptor} of blobs) {
    const from = await knownRepository(descriptor.digest, ref.registry, env)
    if (from && from !== ref.repository) mountFrom.set(descriptor.digest, from)
  }
  const repository = new Repository(session, ref, {mountFrom: [...new Set(mountFrom.values())], push: true})
  const total = blobs.reduce((sum, b) => sum + b.descriptor.size, 0)
  const meter = progress(`Pushing ${formatReference(ref)}`, total, {json: options.json, unit: 'bytes'})

  const results = await mapLimit(blobs, BLOB_CONCURRENCY, async ({descriptor, source}) => {
    const action = await pushBlob(repository, descriptor, source, mountFrom.get(descriptor.digest), (n) => meter.tick(n))
    await rememberRepository(descriptor.digest, ref.registry, ref.repository, env)
    return {action, digest: descriptor.digest, size: descriptor.size}
  })
  await repository.putManifest(manifestReference(ref), manifest.bytes, manifest.mediaType)
  meter.done()
  const digest = sha256Digest(manifest.bytes)
  return {blobs: results, digest, format: options.format, mediaType: manifest.mediaType, ref: formatReference(ref), size: manifest.bytes.length + total}
}

async function pushBlob(repository: Repository, descriptor: Descriptor, source: BlobSource, mountFrom: string | undefined, onBytes: (n: number) => void): Promise<'uploaded' | 'exists' | 'mounted'> {
  if (await repository.blobExists(descriptor.digest)) {
    onBytes(descriptor.size)
    return 'exists'
  }
  let session: URL | undefined
  if (mountFrom) {
    const mount = await repository.mountBlob(descriptor.digest, mountFrom)
    if (mount.mounted) {
      onBytes(descriptor.size)
      return 'mounted'
    }
    session = mount.location
  }
  await repository.uploadBlob(descriptor, source, onBytes, session)
  return 'uploaded'
}
