/** `aigogo remove` and `aigogo remove-all`: delete local builds (never the store). */
import {aigogoDirs, byCodePoint, preconditionError, withLock} from '@aigogo/sdk/core'
import {readFile, readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {isRegistryRef, parseLocalRef} from '../ref/local-ref.js'
import {removeTree} from '../util/permissions.js'
import {buildDir, cacheKey, findBuild, IMAGES_DIR, imageDir, METADATA_FILE} from './local-cache.js'

/** Removes the local build of `ref`, or a registry image cached under cache/images/. */
export async function removeCached(ref: string, env: NodeJS.ProcessEnv = process.env): Promise<{ref: string; dir: string}> {
  const dirs = aigogoDirs(env)
  if (!isRegistryRef(ref)) {
    const local = parseLocalRef(ref, {lookup: true})
    const build = await findBuild(local.ref, env)
    if (build) {
      await withLock(join(dirs.locks, `build-${cacheKey(local.ref)}.lock`), () => removeTree(build.dir), {what: `the build of ${local.ref}`})
      return {dir: build.dir, ref: local.ref}
    }
  }
  const image = imageDir(ref, env)
  if (await stat(image).then(() => true, () => false)) {
    await removeTree(image)
    return {dir: image, ref}
  }
  throw preconditionError('BUILD_NOT_FOUND', `${ref} is not in the local cache`, ['see what is there: aigogo list'], {ref, tried: isRegistryRef(ref) ? image : buildDir(ref, env)})
}

/**
 * The registry plugin's own index of pushed and pulled layers (cache/registry): not a package, so
 * remove-all neither counts nor removes it. A build's folder always has a "_" (name_tag).
 */
const REGISTRY_INDEX = 'registry'

export interface CacheEntry {
  /** What people call it: the build's or image's ref, or the folder name of an unreadable one. */
  ref: string
  kind: 'build' | 'image' | 'unreadable'
  dir: string
}

/** What remove-all removes: local builds, cached images, and unreadable folders (upstream's strays). */
export async function cacheEntries(env: NodeJS.ProcessEnv = process.env): Promise<CacheEntry[]> {
  const root = aigogoDirs(env).cache
  const names = (await readdir(root, {withFileTypes: true}).catch(() => [])).filter((e) => !e.name.startsWith('.') && e.name !== REGISTRY_INDEX)
  const entries: CacheEntry[] = []
  for (const entry of names) {
    const dir = join(root, entry.name)
    if (entry.name === IMAGES_DIR && entry.isDirectory()) {
      for (const image of (await readdir(dir).catch(() => [])).filter((n) => !n.startsWith('.'))) {
        entries.push({dir: join(dir, image), kind: 'image', ref: (await metadataName(join(dir, image))) ?? image})
      }
      continue
    }
    const name = entry.isDirectory() ? await metadataName(dir) : undefined
    entries.push(name === undefined ? {dir, kind: 'unreadable', ref: entry.name} : {dir, kind: 'build', ref: name})
  }
  return entries.sort((a, b) => byCodePoint(a.ref, b.ref))
}

async function metadataName(dir: string): Promise<string | undefined> {
  const text = await readFile(join(dir, METADATA_FILE), 'utf8').catch(() => undefined)
  try {
    const name = text === undefined ? undefined : (JSON.parse(text) as {name?: unknown}).name
    return typeof name === 'string' && name !== '' ? name : undefined
  } catch {
    return undefined
  }
}

/** Removes what cacheEntries lists (an empty cache/images folder too); the number of entries removed. */
export async function removeAllCached(entries: readonly CacheEntry[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  for (const entry of entries) await removeTree(entry.dir)
  const images = join(aigogoDirs(env).cache, IMAGES_DIR)
  if ((await readdir(images).catch(() => ['?'])).length === 0) await removeTree(images)
  return entries.length
}
