/** A fresh temporary directory for each test of a file, removed after the test. */
import {afterEach, beforeEach} from 'vitest'

import {tempDir} from './cli.js'

/** Registers the hooks; read `.path` inside tests and hooks, not at import time. */
export function useTempWorkDir(prefix?: string): {readonly path: string} {
  let work: {path: string; cleanup: () => Promise<void>} | undefined
  beforeEach(async () => {
    work = await tempDir(prefix)
  })
  afterEach(async () => {
    await work?.cleanup()
    work = undefined
  })
  return {
    get path(): string {
      if (!work) throw new Error('the work directory is read outside a test')
      return work.path
    },
  }
}
