/**
 * Blobs by digest under AIGOGO_HOME/cache/blobs/sha256/<hex>. A blob enters the cache only after
 * its digest and size were verified while it streamed to a staging file (never held in memory).
 */
import {createHash, randomBytes} from 'node:crypto'
import {createWriteStream} from 'node:fs'
import {mkdir, rename, rm, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {Transform, type Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {aigogoDirs, dataError} from '@aigogo/sdk'

import {digestHex} from './digest.js'

export function blobPath(digest: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(aigogoDirs(env).cache, 'blobs', 'sha256', digestHex(digest))
}

export async function cachedBlob(digest: string, size: number, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const path = blobPath(digest, env)
  try {
    const info = await stat(path)
    return info.size === size ? path : undefined
  } catch {
    return undefined
  }
}

export async function stagingFile(env: NodeJS.ProcessEnv = process.env, label = 'blob'): Promise<string> {
  const dir = aigogoDirs(env).tmp
  await mkdir(dir, {recursive: true})
  return join(dir, `${label}-${process.pid}-${randomBytes(6).toString('hex')}`)
}

export interface Written {
  digest: string
  size: number
}

/** Streams chunks to a file while hashing them. */
export async function writeHashed(source: Readable | AsyncIterable<Buffer>, file: string, onBytes?: (n: number) => void, limit?: number): Promise<Written> {
  const hash = createHash('sha256')
  let size = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      if (limit !== undefined && size > limit) {
        callback(dataError('BLOB_SIZE_MISMATCH', `the blob is larger than the ${limit} bytes its descriptor declares`))
        return
      }
      hash.update(chunk)
      onBytes?.(chunk.length)
      callback(null, chunk)
    },
  })
  await pipeline(source, meter, createWriteStream(file, {mode: 0o644}))
  return {digest: `sha256:${hash.digest('hex')}`, size}
}

/** Moves a verified staging file into the cache; returns its cache path. */
export async function admitBlob(staged: string, digest: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const target = blobPath(digest, env)
  await mkdir(join(target, '..'), {recursive: true})
  try {
    await rename(staged, target)
  } catch (error) {
    await rm(staged, {force: true})
    throw error
  }
  return target
}
