/**
 * The upstream integrity algorithm (spec §3.5), byte for byte, so lock files written by
 * either tool verify with the other:
 *
 *   for path in byte-sorted(files): H(path, 0x00, bytes, 0x00)
 *   H("__manifest__", 0x00, manifestBytes)
 *
 * Files are streamed, never held whole in memory; `onChunk` lets a caller copy the same
 * bytes elsewhere while they are hashed, so nothing is read twice.
 */
import {createHash, type Hash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {sortPaths} from '../files/discover.js'

const ZERO = Buffer.from([0])
const MANIFEST_SECTION = Buffer.from('__manifest__')
/** Below this size a file is read in one call: faster than a stream for the many small files. */
const SMALL_FILE = 1 << 20
/** Files read ahead of the hash, so the disk and the hash work at the same time. */
const READ_AHEAD = 16

export interface HashSource {
  dir: string
  files: readonly string[]
  manifestBytes: Uint8Array
  /** Bytes to hash for some paths instead of reading them from dir (a rewritten aigogo.json). */
  contents?: ReadonlyMap<string, Uint8Array>
}

async function feedLarge(hash: Hash, file: string): Promise<void> {
  for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20})) hash.update(chunk as Buffer)
}

async function readSmall(file: string): Promise<Buffer | undefined> {
  const info = await stat(file)
  return info.size < SMALL_FILE ? readFile(file) : undefined
}

export async function computeIntegrity(source: HashSource): Promise<string> {
  const hash = createHash('sha256')
  const files = sortPaths([...source.files])
  const pending: Array<Promise<Buffer | undefined>> = []
  const schedule = (i: number): void => {
    const path = files[i]
    if (path === undefined) return
    const given = source.contents?.get(path)
    pending[i] = given ? Promise.resolve(Buffer.from(given)) : readSmall(join(source.dir, path))
  }
  for (let i = 0; i < READ_AHEAD; i++) schedule(i)
  for (const [i, path] of files.entries()) {
    const small = await pending[i]
    delete pending[i]
    schedule(i + READ_AHEAD)
    hash.update(Buffer.from(path))
    hash.update(ZERO)
    if (small) hash.update(small)
    else await feedLarge(hash, join(source.dir, path))
    hash.update(ZERO)
  }
  hash.update(MANIFEST_SECTION)
  hash.update(ZERO)
  hash.update(source.manifestBytes)
  return `sha256:${hash.digest('hex')}`
}

/** "sha256:<64 hex>" or a bare hex digest, as lock files may hold either; undefined otherwise. */
export function hexOf(integrity: string): string | undefined {
  const hex = integrity.startsWith('sha256:') ? integrity.slice(7) : integrity
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined
}
