import {mkdir, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {tempDir} from './helpers/cli.js'

// The dispatcher imports a runner's bundled twin only when it is not older than the builds it was
// made from (src/dispatch/runner-module.ts): a `tsc -b` after `npm run build` must never run stale code.
const {runnerModule} = (await import('../dist/dispatch/runner-module.js')) as {runnerModule: (root: string, runner: string, kernel: string) => string}

let work: {path: string; cleanup: () => Promise<void>}
let plugin: string
let kernel: string

async function at(file: string, seconds: number): Promise<void> {
  await mkdir(join(file, '..'), {recursive: true})
  await writeFile(file, '')
  await utimes(file, seconds, seconds)
}

beforeAll(async () => {
  work = await tempDir()
  plugin = join(work.path, 'plugin')
  kernel = join(work.path, 'kernel')
  await at(join(plugin, 'dist', 'runners', 'list.js'), 1000)
})
afterAll(async () => work.cleanup())

describe('runner module', () => {
  it('uses the runner tsc wrote when there is no twin', async () => {
    expect(runnerModule(plugin, './dist/runners/list.js', kernel)).toBe(join(plugin, 'dist', 'runners', 'list.js'))
  })

  it('uses the twin when no build is newer, and the runner once the plugin or the SDK was rebuilt after it', async () => {
    const twin = join(plugin, 'dist', 'runners', 'list.bundle.cjs')
    await at(twin, 2000)
    expect(runnerModule(plugin, './dist/runners/list.js', kernel)).toBe(twin) // an installed copy: no tsbuildinfo
    await at(join(plugin, 'tsconfig.tsbuildinfo'), 1500)
    await at(join(kernel, 'src', 'sdk', 'dist', 'tsconfig.tsbuildinfo'), 1500)
    expect(runnerModule(plugin, './dist/runners/list.js', kernel)).toBe(twin)
    await at(join(plugin, 'tsconfig.tsbuildinfo'), 3000)
    expect(runnerModule(plugin, './dist/runners/list.js', kernel)).toBe(join(plugin, 'dist', 'runners', 'list.js'))
    await at(join(plugin, 'tsconfig.tsbuildinfo'), 1500)
    await at(join(kernel, 'src', 'sdk', 'dist', 'tsconfig.tsbuildinfo'), 3000)
    expect(runnerModule(plugin, './dist/runners/list.js', kernel)).toBe(join(plugin, 'dist', 'runners', 'list.js'))
  })
})
