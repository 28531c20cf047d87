/**
 * One real docker-registry and one temp root per test file: started together before the file's
 * tests, the registry stopped and the root removed after them (hooks the file registers later run
 * after these before, and before these after: vitest stacks them).
 */
import {afterAll, beforeAll} from 'vitest'

import {tempDir} from './cli.js'
import {startRegistry, type TestRegistry} from './registry.js'

export interface RegistryWorkspace {
  readonly registry: TestRegistry
  /** The temp root's path. */
  readonly root: string
}

/** Registers the hooks; read the fields inside tests and hooks, not at import time. */
export function useRegistryWorkspace(prefix?: string): RegistryWorkspace {
  let registry: TestRegistry | undefined
  let root: {path: string; cleanup: () => Promise<void>} | undefined
  beforeAll(async () => {
    ;[registry, root] = await Promise.all([startRegistry(), tempDir(prefix)])
  })
  afterAll(async () => {
    await registry?.stop()
    await root?.cleanup()
  })
  return {
    get registry(): TestRegistry {
      if (!registry) throw new Error('the registry is read before its beforeAll hook ran')
      return registry
    },
    get root(): string {
      if (!root) throw new Error('the temp root is read before its beforeAll hook ran')
      return root.path
    },
  }
}
