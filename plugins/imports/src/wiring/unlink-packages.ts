/**
 * Taking packages out of an installed .aigogo/ without rebuilding it: every package directory
 * under imports/aigogo/ and imports/@aigogo/ that links into one of the given store directories
 * is removed (renamed aside first, so it disappears at once), and the install stamp with it, so
 * that the next install cannot call the rest "up to date". Found by where the links point, not by
 * lock key: an .aigogo/ built from an older lock may use another name for the same package.
 */
import {type Dirent, readdirSync, readlinkSync} from 'node:fs'
import {rename, rm} from 'node:fs/promises'
import {isAbsolute, join, resolve} from 'node:path'

import {isInside, stagingPathFor} from '@aigogo/sdk/core'

import {STAMP_FILE} from '../install/stamp.js'

function linksInto(dir: string, storePaths: readonly string[]): boolean {
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, {withFileTypes: true})
  } catch {
    return false
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isSymbolicLink()) {
      const target = readlinkSync(path)
      const absolute = isAbsolute(target) ? target : resolve(dir, target)
      if (storePaths.some((store) => isInside(store, absolute))) return true
    } else if (entry.isDirectory() && linksInto(path, storePaths)) return true
  }
  return false
}

/** Removes the packages linking into `storePaths`; returns the removed package directories. */
export async function unlinkStorePackages(aigogoDir: string, storePaths: readonly string[]): Promise<string[]> {
  const removed: string[] = []
  for (const scope of [join(aigogoDir, 'imports', 'aigogo'), join(aigogoDir, 'imports', '@aigogo')]) {
    let entries: Dirent[]
    try {
      entries = readdirSync(scope, {withFileTypes: true})
    } catch {
      continue
    }
    for (const entry of entries) {
      const dir = join(scope, entry.name)
      if (!entry.isDirectory() || !linksInto(dir, storePaths)) continue
      const aside = stagingPathFor(dir, 'unlinked')
      await rename(dir, aside)
      await rm(aside, {force: true, recursive: true})
      removed.push(dir)
    }
  }
  await rm(join(aigogoDir, STAMP_FILE), {force: true})
  return removed
}
