/**
 * Hashes and counts a blob as it streams, so a download can be consumed (unpacked) while it
 * arrives and still be refused unless its digest and size match the descriptor. Bytes beyond
 * the declared size fail the stream at once.
 */
import {createHash} from 'node:crypto'

import {dataError} from '@aigogo/sdk/core'

import type {Descriptor} from './repository.js'
import {chunkCollector, DOWNLOAD_EVERY} from './transport/collect-garbage.js'

export const TRUNCATED = 'AIGOGO_TRUNCATED'

export class TruncatedError extends Error {
  readonly code = TRUNCATED
  constructor(received: number, expected: number) {
    super(`the connection closed after ${received} of ${expected} bytes`)
  }
}

export class BlobVerifier {
  private readonly hash = createHash('sha256')
  private size = 0
  private readonly collect = chunkCollector(DOWNLOAD_EVERY)

  constructor(
    private readonly descriptor: Descriptor,
    private readonly onBytes?: (n: number) => void,
  ) {}

  get received(): number {
    return this.size
  }

  /** The source's chunks, passed on once counted and hashed; errors of the source propagate. */
  async *through(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      this.size += chunk.length
      if (this.size > this.descriptor.size) {
        throw dataError('BLOB_SIZE_MISMATCH', `blob ${this.descriptor.digest} is larger than the ${this.descriptor.size} bytes its descriptor declares`, [
          'the registry sent different data than its manifest describes; try again, and tell the registry owner if it persists',
        ], {digest: this.descriptor.digest})
      }
      this.hash.update(chunk)
      this.onBytes?.(chunk.length)
      this.collect(chunk.length)
      yield chunk
    }
    // A connection closed early without an error (a FIN short of Content-Length): retryable.
    if (this.size < this.descriptor.size) throw new TruncatedError(this.size, this.descriptor.size)
  }

  /** Throws BLOB_DIGEST_MISMATCH unless everything that passed matches the descriptor. */
  check(from: string): void {
    const digest = `sha256:${this.hash.digest('hex')}`
    if (this.size !== this.descriptor.size || digest !== this.descriptor.digest) {
      throw dataError('BLOB_DIGEST_MISMATCH', `blob ${this.descriptor.digest} from ${from} arrived as ${digest} (${this.size} of ${this.descriptor.size} bytes)`, [
        'the registry sent corrupt data; try again, and tell the registry owner if it persists',
      ], {digest: this.descriptor.digest})
    }
  }
}
