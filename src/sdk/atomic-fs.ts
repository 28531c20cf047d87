/**
 * Stage, then rename: every on-disk change is either fully there or not there at all.
 */
import {mkdir, open, rename, rm} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

import {randomHex, sweepStaleStagesOnce} from './stages.js'

/** A unique sibling path for staging: same directory, so rename() stays on one filesystem. */
export function stagingPathFor(target: string, label = 'tmp'): string {
  return join(dirname(target), `.${basename(target)}.${label}-${process.pid}-${randomHex(4)}`)
}

export interface WriteOptions {
  mode?: number
}

/** Writes a file so that readers see the old content or the new content, never a torn one. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  await mkdir(dirname(target), {recursive: true})
  // A killed writer leaves `.<name>.tmp-<pid>-<hex>` behind: remove those of dead owners.
  await sweepStaleStagesOnce(dirname(target), [`.${basename(target)}.`])
  const staging = stagingPathFor(target)
  const handle = await open(staging, 'wx', options.mode ?? 0o644)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(staging, {force: true})
    throw error
  }
  await handle.close()
  try {
    await rename(staging, target)
  } catch (error) {
    await rm(staging, {force: true})
    throw error
  }
}

/** Pretty JSON with a trailing newline, written atomically. */
export async function writeJsonAtomic(target: string, value: unknown, options: WriteOptions = {}): Promise<void> {
  await writeFileAtomic(target, JSON.stringify(value, null, 2) + '\n', options)
}
