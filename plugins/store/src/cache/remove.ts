/** `aigogo remove` and `aigogo remove-all`: delete local builds (never the store). */
import {aigogoDirs, preconditionError, withLock} from '@aigogo/sdk/core'
import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {isRegistryRef, parseLocalRef} from '../ref/local-ref.js'
import {removeTree} from '../util/permissions.js'
import {buildDir, cacheKey, findBuild, imageDir} from './local-cache.js'

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

/** Every entry of the cache directory (local builds, images, strays). */
export async function cacheEntries(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const entries = await readdir(aigogoDirs(env).cache).catch(() => [])
  return entries.sort()
}

export async function removeAllCached(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const root = aigogoDirs(env).cache
  const entries = await cacheEntries(env)
  for (const entry of entries) await removeTree(join(root, entry))
  return entries.length
}
