/**
 * The SDK's SHA-256 (src/sdk/sha256.ts) hashes small inputs without node:crypto: every digest it
 * gives must be node:crypto's, for every length around the padding boundaries, for strings (UTF-8)
 * and for the inputs it hands over to node:crypto.
 */
import {createHash, randomBytes} from 'node:crypto'
import {describe, expect, it} from 'vitest'

import {sha256Hex} from '../src/sdk/dist/sha256.js'

const reference = (input: Uint8Array | string): string => createHash('sha256').update(input).digest('hex')

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1')
  })

  it('matches node:crypto for every length from 0 to 300 bytes (each padding case, one to five blocks)', () => {
    const bytes = randomBytes(300)
    for (let length = 0; length <= 300; length++) expect(sha256Hex(bytes.subarray(0, length)), `length ${length}`).toBe(reference(bytes.subarray(0, length)))
  })

  it('matches node:crypto on both sides of the size it hands over to node:crypto, and on a large input', () => {
    for (const length of [4095, 4096, 16_383, 16_384, 16_385, 100_000, 1_048_576]) {
      const bytes = randomBytes(length)
      expect(sha256Hex(bytes), `length ${length}`).toBe(reference(bytes))
    }
  })

  it('hashes a string as its UTF-8 bytes, as node:crypto does', () => {
    for (const text of ['aigogo', 'é', '日本語のパッケージ', '🚀 rocket', 'a'.repeat(20_000) + 'ü']) expect(sha256Hex(text)).toBe(reference(text))
  })

  it('hashes a view into a larger buffer by its own bytes only', () => {
    const whole = randomBytes(256)
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 13, 100)
    expect(sha256Hex(view)).toBe(reference(Buffer.from(view)))
  })
})
