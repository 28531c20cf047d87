/**
 * Push a local build. The layer is a reproducible tar of the build's files, never written to
 * disk. Its digest is remembered per build (layer-cache.ts), so a re-push reads nothing: when
 * the tag already names the very manifest we would push, we are done after one HEAD; otherwise
 * skip blobs the registry has, mount from a sibling repository where possible, upload the rest,
 * then put the manifest.
 *
 * A build pushed for the first time has no known digest. Its layer is then uploaded while it is
 * hashed (Repository.uploadHashing), so the files are read once, not once to hash and again to
 * send; the price is that the registry cannot be asked first whether it already holds the layer
 * (it cannot mount a digest nobody knows either), except when the tag looks like it already holds
 * this build (tagLooksTheSame). If that upload fails in a way a second try in the other order may
 * fix, the layer is hashed first and pushed the usual way.
 */
import {createHash} from 'node:crypto'
import {statSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {Readable} from 'node:stream'

import {type LocalBuild, type LocalBuildsCapability, printData, progress, usageError} from '@aigogo/sdk/core'

import {mapLimit} from './concurrency.js'
import {BLOB_CONCURRENCY} from './constants.js'
import {sha256Digest} from './digest.js'
import {configFor, layerDescriptor, layerEntries, manifestFor, type PackageInput, parseImageManifest, type WireFormat} from './format.js'
import {knownRepository, recallLayer, rememberLayer, rememberRepository} from './layer-cache.js'
import {formatReference, manifestReference, parseReference} from './reference.js'
import {type BlobSource, chunksMayHelp, type Descriptor, Repository} from './repository.js'
import {createSession, type Session} from './session.js'
import {tarSize, tarStream} from './tar/writer.js'
import {chunkCollector} from './transport/collect-garbage.js'

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
    // Synchronous: hundreds of small stats cost far less than as many thread-pool round trips.
    const info = statSync(join(build.dir, file))
    sizes.set(file, info.size)
    fingerprint.push(`${file}\0${info.size}\0${info.mtimeMs}\0${info.ino}`)
  }
  return {fingerprint, input: {buildRef: build.ref, dir: build.dir, files: build.files, manifest: build.manifest, manifestBytes, sizes}}
}

/** The layer's bytes, packed afresh from the build's files on every call. */
function openLayer(input: PackageInput, format: WireFormat): Readable {
  return Readable.from(tarStream(layerEntries(input, format)), {objectMode: false})
}

function layerKey(input: PackageInput, format: WireFormat, fingerprint: string[]): string {
  return JSON.stringify({fingerprint, format, manifest: Buffer.from(input.manifestBytes).toString('base64'), ref: input.buildRef, v: 1})
}

/** Hashes the layer in a pass of its own (the fallback when hashing during the upload failed). */
async function layerDigest(input: PackageInput, format: WireFormat, key: string, env: NodeJS.ProcessEnv): Promise<{digest: string; size: number}> {
  const hash = createHash('sha256')
  const collect = chunkCollector()
  let size = 0
  for await (const chunk of tarStream(layerEntries(input, format))) {
    hash.update(chunk)
    size += chunk.length
    collect(chunk.length)
  }
  const layer = {digest: `sha256:${hash.digest('hex')}`, size}
  await rememberLayer(key, layer, env)
  return layer
}

export async function pushBuild(session: Session, build: LocalBuild, target: string, options: PushOptions): Promise<PushResult> {
  const env = options.env ?? process.env
  const ref = parseReference(target, {defaultTag: build.version})
  if (ref.digest) {
    throw usageError('PUSH_BY_DIGEST', `cannot push to a digest (${target}); push to a tag`, [`for example: aigogo push ${ref.registry}/${ref.repository}:${build.version} --from ${build.ref}`])
  }
  const {fingerprint, input} = await packageInput(build)
  const key = layerKey(input, options.format, fingerprint)
  const layer = await recallLayer(key, env)
  if (!layer && !(await tagLooksTheSame(session, ref, input, options.format))) {
    const pushed = await pushUnknownLayer(session, ref, input, key, options)
    if (pushed) return pushed
  }
  return pushKnownLayer(session, ref, input, layer ?? (await layerDigest(input, options.format, key, env)), options)
}

/** The usual push, once the layer's digest is known. */
async function pushKnownLayer(session: Session, ref: ReturnType<typeof parseReference>, input: PackageInput, layer: {digest: string; size: number}, options: PushOptions): Promise<PushResult> {
  const env = options.env ?? process.env
  const config = configFor(input, options.format)
  const layerDesc = layerDescriptor(input, options.format, layer)
  const manifest = manifestFor(input, options.format, config.descriptor, layerDesc)
  const digest = sha256Digest(manifest.bytes)

  const blobs: {descriptor: Descriptor; source: BlobSource}[] = [
    {descriptor: config.descriptor, source: {bytes: config.bytes}},
    {descriptor: layerDesc, source: {open: () => openLayer(input, options.format)}},
  ]
  const total = blobs.reduce((sum, b) => sum + b.descriptor.size, 0)
  const result = (actions: PushResult['blobs']): PushResult => ({blobs: actions, digest, format: options.format, mediaType: manifest.mediaType, ref: formatReference(ref), size: manifest.bytes.length + total})

  const mountFrom = new Map<string, string>()
  for (const {descriptor} of blobs) {
    const from = await knownRepository(descriptor.digest, ref.registry, env)
    if (from && from !== ref.repository) mountFrom.set(descriptor.digest, from)
  }
  const repository = new Repository(session, ref, {mountFrom: [...new Set(mountFrom.values())], push: true})
  // An unchanged package pushed to the same tag again: the registry already holds it all.
  const unchanged = await repository.resolveDigest(manifestReference(ref))
  if (unchanged === digest) return result(blobs.map(({descriptor}) => ({action: 'exists', digest: descriptor.digest, size: descriptor.size})))

  const meter = progress(`Pushing ${formatReference(ref)}`, total, {json: options.json, unit: 'bytes'})

  const results = await mapLimit(blobs, BLOB_CONCURRENCY, async ({descriptor, source}) => {
    const action = await pushBlob(repository, descriptor, source, mountFrom.get(descriptor.digest), (n) => meter.tick(n))
    await rememberRepository(descriptor.digest, ref.registry, ref.repository, env)
    return {action, digest: descriptor.digest, size: descriptor.size}
  })
  await repository.putManifest(manifestReference(ref), manifest.bytes, manifest.mediaType)
  meter.done()
  return result(results)
}

/**
 * Whether the tag may already hold this very build (same config blob, a layer of the same size):
 * then the layer is hashed first, so an unchanged package pushed from another machine or home
 * is recognised with one HEAD and uploads nothing. A wrong guess costs one hashing pass.
 */
async function tagLooksTheSame(session: Session, ref: ReturnType<typeof parseReference>, input: PackageInput, format: WireFormat): Promise<boolean> {
  const repository = new Repository(session, ref, {push: true})
  const current = await repository.resolveDigest(manifestReference(ref))
  if (!current) return false
  try {
    const fetched = await repository.fetchManifest(current)
    const theirs = parseImageManifest(fetched.bytes, fetched.mediaType)
    return theirs.config.digest === configFor(input, format).descriptor.digest && theirs.layer.size === tarSize(layerEntries(input, format))
  } catch {
    // An index, a foreign artifact: not ours, whatever it is.
    return false
  }
}

/**
 * A first push: the config blob the usual way, the layer uploaded while it is hashed, then the
 * manifest. Undefined when the hashing upload failed in a way the usual order may fix.
 */
async function pushUnknownLayer(session: Session, ref: ReturnType<typeof parseReference>, input: PackageInput, key: string, options: PushOptions): Promise<PushResult | undefined> {
  const env = options.env ?? process.env
  const config = configFor(input, options.format)
  const entries = layerEntries(input, options.format)
  const size = tarSize(entries)
  const repository = new Repository(session, ref, {push: true})
  const meter = progress(`Pushing ${formatReference(ref)}`, config.descriptor.size + size, {json: options.json, unit: 'bytes'})
  let layerBytes = 0
  const [configAction, layer] = await Promise.all([
    pushBlob(repository, config.descriptor, {bytes: config.bytes}, undefined, (n) => meter.tick(n)),
    repository.uploadHashing(size, () => Readable.from(tarStream(entries), {objectMode: false}), (n) => {
      layerBytes += n
      meter.tick(n)
    }).then(
      (digest) => ({digest, size}),
      (error: unknown) => {
        if (!chunksMayHelp(error)) throw error
        meter.tick(-layerBytes)
        return undefined
      },
    ),
  ])
  if (!layer) return undefined
  await rememberLayer(key, layer, env)
  const layerDesc = layerDescriptor(input, options.format, layer)
  const manifest = manifestFor(input, options.format, config.descriptor, layerDesc)
  await repository.putManifest(manifestReference(ref), manifest.bytes, manifest.mediaType)
  meter.done()
  for (const descriptor of [config.descriptor, layerDesc]) await rememberRepository(descriptor.digest, ref.registry, ref.repository, env)
  return {
    blobs: [{action: configAction, digest: config.descriptor.digest, size: config.descriptor.size}, {action: 'uploaded', digest: layer.digest, size}],
    digest: sha256Digest(manifest.bytes),
    format: options.format,
    mediaType: manifest.mediaType,
    ref: formatReference(ref),
    size: manifest.bytes.length + config.descriptor.size + size,
  }
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

/** `aigogo push <ref> --from <build>`, for the command and its fast path alike. */
export async function runPush(builds: LocalBuildsCapability, options: {ref: string; from: string; format: WireFormat; json: boolean}): Promise<PushResult> {
  const build = await builds.resolve(options.from)
  const session = createSession()
  try {
    const result = await pushBuild(session, build, options.ref, {format: options.format, json: options.json})
    if (!options.json) {
      const uploaded = result.blobs.filter((b) => b.action === 'uploaded').length
      printData(`Pushed ${result.ref}\nDigest: ${result.digest}\n(${uploaded} of ${result.blobs.length} blobs uploaded, format ${result.format})`)
    }
    return result
  } finally {
    await session.close()
  }
}
