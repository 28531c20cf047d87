/**
 * Issue 11, item 1 (store side): a package name that is not one plain path segment never enters
 * the store, and a reference typed at `aigogo remove` never names the cache itself.
 */
import type {StoreCapability} from '@aigogo/sdk'

import {execa} from 'execa'
import {mkdir, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {setProcessEnv} from '../../../test/helpers/process-env.js'
import {useTempWorkDir} from '../../../test/helpers/temp-work-dir.js'

const root = useTempWorkDir(undefined, {per: 'file'})
let home: string
let store: StoreCapability
let restoreEnv: (() => void) | undefined

beforeAll(async () => {
  home = join(root.path, 'home')
  restoreEnv = setProcessEnv({AIGOGO_HOME: home})
  store = (await import('../dist/capabilities/store.js')).default
})
afterAll(async () => {
  restoreEnv?.()
  // The store's package directories are read-only: make them removable before the work dir goes.
  await execa('chmod', ['-R', 'u+w', root.path])
})

describe('the store', () => {
  it.each(['../../../../x', 'a/b', '..', ''])('refuses a package named %j (NAME_INVALID, exit 3) and stores nothing', async (name) => {
    const dir = join(root.path, 'pkg')
    await mkdir(dir, {recursive: true})
    await writeFile(join(dir, 'index.js'), 'exports.x = 1\n')
    const manifestBytes = Buffer.from(JSON.stringify({language: {name: 'javascript', version: '>=18'}, name, version: '1.0.0'}))
    await expect(store.putFromDirectory({dir, files: ['index.js'], manifestBytes})).rejects.toMatchObject({code: 'NAME_INVALID', exit: 3})
    const stage = await store.stage()
    await writeFile(join(stage.dir, 'index.js'), 'exports.x = 1\n')
    await expect(stage.commit({files: ['index.js'], manifestBytes})).rejects.toMatchObject({code: 'NAME_INVALID', exit: 3})
    expect(await readdir(join(home, 'store')).catch(() => [])).toEqual([])
  })
})

describe('aigogo remove', () => {
  it('refuses ".." and "." (REF_INVALID, exit 1) instead of removing the cache or its images', async () => {
    const pkg = join(root.path, 'built')
    await mkdir(pkg, {recursive: true})
    await writeFile(join(pkg, 'utils.py'), 'X = 1\n')
    const run = (args: string[]) => aigogo(args, {cwd: pkg, home})
    expect((await run(['init', '--name', 'kept'])).exitCode).toBe(0)
    expect((await run(['add', 'file', 'utils.py'])).exitCode).toBe(0)
    expect((await run(['build', 'kept:1.0.0', '--no-validate'])).exitCode).toBe(0)
    await mkdir(join(home, 'cache', 'images', 'some-image'), {recursive: true})
    for (const ref of ['..', '.']) {
      const result = await run(['remove', ref, '--json'])
      expect(result.exitCode).toBe(1)
      expect(jsonError(result).code).toBe('REF_INVALID')
    }
    expect((await readdir(join(home, 'cache'))).sort()).toEqual(['images', 'kept_1.0.0'])
    expect(await readdir(join(home, 'cache', 'images'))).toEqual(['some-image'])
  })
})
