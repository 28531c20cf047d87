/** A fresh temporary directory for each test of a file (or one for the whole file), removed after it. */
import {afterAll, afterEach, beforeAll, beforeEach} from 'vitest'

import {tempDir} from './cli.js'

/** Registers the hooks; read `.path` inside tests and hooks, not at import time. */
export function useTempWorkDir(prefix?: string, options: {per?: 'test' | 'file'} = {}): {readonly path: string} {
  let work: {path: string; cleanup: () => Promise<void>} | undefined
  const [before, after] = options.per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach]
  before(async () => {
    work = await tempDir(prefix)
  })
  after(async () => {
    await work?.cleanup()
    work = undefined
  })
  return {
    get path(): string {
      if (!work) throw new Error('the work directory is read outside the tests that own it')
      return work.path
    },
  }
}
