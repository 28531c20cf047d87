/** Replacing .aigogo/ with a fully built staging directory in two renames. */
import {rename, rm, stat} from 'node:fs/promises'

import {stagingPathFor} from '@aigogo/sdk/core'

export async function swapIntoPlace(staging: string, target: string): Promise<void> {
  const hadOld = await stat(target).then(() => true, () => false)
  const old = hadOld ? stagingPathFor(target, 'old') : undefined
  if (old) await rename(target, old)
  try {
    await rename(staging, target)
  } catch (error) {
    if (old) await rename(old, target)
    throw error
  }
  // rm does not follow the symlinks inside: the store is never touched.
  if (old) await rm(old, {force: true, recursive: true})
}
