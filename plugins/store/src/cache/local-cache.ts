/**
 * Local builds in AIGOGO_HOME/cache/<name>_<tag>/ (the upstream directory name, so both tools
 * see each other's builds): the packaged files, aigogo.json, and .aigogo-metadata.json.
 *
 * Upstream's directory name replaces "/" and ":" with "_", so "a:b_c" and "a_b:c" collide
 * (spec §3.4). We only build local refs whose name has no "_", "/" or ":", which makes
 * "<name>_<tag>" unambiguous, and a lookup also checks the metadata's recorded ref, so a
 * directory written by another tool for a colliding ref is never mistaken for ours.
 */
import {type LocalBuild, type PackageManifest, aigogoDirs, joinInside, parseJsonText, preconditionError, quoteUntrusted, safeName, usageError} from '@aigogo/sdk/core'
import {type Dirent, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

// sort-paths, not discover: `list` must not load the glob and ignore libraries.
import {sortPaths} from '../files/sort-paths.js'
import {walkFiles} from '../files/walk.js'
import {parseLocalRef} from '../ref/local-ref.js'

export const METADATA_FILE = '.aigogo-metadata.json'
export const IMAGES_DIR = 'images'

export interface BuildMetadata {
  name: string
  type: 'local-build'
  built_at: string
  source: 'local'
  manifest: PackageManifest
  /** Ours, ignored by upstream: the package's integrity as computed at build time. */
  integrity?: string
  /** Ours: the package's file count and total size (aigogo.json included), so `list` reads no file tree. Older builds lack them. */
  files?: number
  bytes?: number
}

/** Upstream's sanitised directory name. */
export function cacheKey(ref: string): string {
  return ref.replaceAll('/', '_').replaceAll(':', '_')
}

/** cache/<name>_<tag>: the directory name is one plain segment, or the build is refused. */
export function buildDir(ref: string, env: NodeJS.ProcessEnv = process.env): string {
  return joinInside(aigogoDirs(env).cache, safeName(cacheKey(ref), {origin: 'argument', what: 'local build reference'}))
}

/** cache/images/<ref, sanitised>: upstream's registry image cache; "." or ".." never name it. */
export function imageDir(ref: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = cacheKey(ref)
  // "aigogo remove .." once named the whole cache (and removed every build).
  if (key === '.' || key === '..') {
    throw usageError('REF_INVALID', `${quoteUntrusted(ref)} is not a reference`, ['name a build (my-utils:1.0.0) or a registry image (<registry>/<repo>:<tag>); see aigogo list'], {ref})
  }
  return joinInside(join(aigogoDirs(env).cache, IMAGES_DIR), key)
}

/** A build's metadata, or undefined when it has none readable. Synchronous: one small file (list reads one per build). */
export function readMetadata(dir: string): BuildMetadata | undefined {
  let text: string
  try {
    text = readFileSync(join(dir, METADATA_FILE), 'utf8')
  } catch {
    return undefined
  }
  try {
    const meta = parseJsonText(text, join(dir, METADATA_FILE), {code: 'BUILD_METADATA_MALFORMED', what: 'build metadata'}) as BuildMetadata
    return typeof meta?.name === 'string' && typeof meta.manifest === 'object' && meta.manifest !== null ? meta : undefined
  } catch {
    return undefined
  }
}

async function describe(dir: string, meta: BuildMetadata): Promise<LocalBuild> {
  const files = sortPaths(await walkFiles(dir, {skip: (path) => path === METADATA_FILE}))
  return {builtAt: meta.built_at, dir, files, manifest: meta.manifest, ...buildNames(meta)}
}

/** The build of `ref`, or undefined. */
export async function findBuild(ref: string, env: NodeJS.ProcessEnv = process.env): Promise<LocalBuild | undefined> {
  const dir = buildDir(ref, env)
  const meta = readMetadata(dir)
  if (!meta || meta.name !== ref) return undefined
  return describe(dir, meta)
}

/**
 * The metadata of every local build, with its directory, in directory-name order. Read
 * synchronously: one small file per build (a thousand builds read in a few milliseconds), and
 * `list`, a no-work command, then loads no node:fs/promises and starts no thread pool.
 */
export async function listBuildMetadata(env: NodeJS.ProcessEnv = process.env): Promise<Array<{dir: string; meta: BuildMetadata}>> {
  const root = aigogoDirs(env).cache
  let entries: Dirent[] = []
  try {
    entries = readdirSync(root, {withFileTypes: true})
  } catch {
    // No cache yet: no builds.
  }
  const names = entries.filter((e) => e.isDirectory() && e.name !== IMAGES_DIR && !e.name.startsWith('.')).map((e) => e.name).sort()
  const found = names.map((name) => ({dir: join(root, name), meta: readMetadata(join(root, name))}))
  return found.filter((f): f is {dir: string; meta: BuildMetadata} => f.meta?.type === 'local-build')
}

/** Every local build with readable metadata and its file list, in directory-name order. */
export async function listBuilds(env: NodeJS.ProcessEnv = process.env): Promise<LocalBuild[]> {
  const builds: LocalBuild[] = []
  for (const {dir, meta} of await listBuildMetadata(env)) builds.push(await describe(dir, meta))
  return builds
}

/** A build as its metadata names it, without reading its files. */
export function buildNames(meta: BuildMetadata): {ref: string; name: string; version: string} {
  const colon = meta.name.lastIndexOf(':')
  return {name: colon < 0 ? meta.name : meta.name.slice(0, colon), ref: meta.name, version: colon < 0 ? '' : meta.name.slice(colon + 1)}
}

export async function resolveBuild(ref: string, env: NodeJS.ProcessEnv = process.env): Promise<LocalBuild> {
  const local = parseLocalRef(ref, {lookup: true})
  const found = await findBuild(local.ref, env)
  if (found) return found
  const all = await listBuilds(env)
  const same = all.filter((b) => b.name === local.name).map((b) => b.ref)
  throw preconditionError('BUILD_NOT_FOUND', `no local build ${local.ref}`, [
    same.length > 0 ? `builds of ${local.name}: ${same.join(', ')}` : all.length > 0 ? `local builds: ${all.map((b) => b.ref).join(', ')}` : 'there are no local builds',
    'build it in the package directory: aigogo build ' + local.ref,
  ], {ref: local.ref})
}

/** The integrity recorded at build time, if any. */
export async function recordedIntegrity(dir: string): Promise<string | undefined> {
  return readMetadata(dir)?.integrity
}
