/**
 * The store side of the seed's local-only workflow: build here, then another project's
 * `aigogo add name:tag` resolves the build and puts it into the store (the imports plugin
 * drives these same capabilities).
 */
import type {LocalBuildsCapability, PackageSource, StoreCapability} from '@aigogo/sdk'

import {execa} from 'execa'
import {readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, tempDir} from '../../../test/helpers/cli.js'

let pkg: {path: string; cleanup: () => Promise<void>}
let home: {path: string; cleanup: () => Promise<void>}
let localBuilds: LocalBuildsCapability
let source: PackageSource
let store: StoreCapability

beforeAll(async () => {
  pkg = await tempDir()
  home = await tempDir('aigogo-home-')
  process.env.AIGOGO_HOME = home.path
  localBuilds = (await import('../dist/capabilities/local-builds.js')).default
  source = (await import('../dist/capabilities/package-source.js')).default
  store = (await import('../dist/capabilities/store.js')).default
  await writeFile(join(pkg.path, 'string_helpers.py'), 'def titlecase(text):\n    return text.title()\n')
  const run = (args: string[]) => aigogo(args, {cwd: pkg.path, home: home.path})
  expect((await run(['init', '--name', 'string-utils'])).exitCode).toBe(0)
  expect((await run(['add', 'file', 'string_helpers.py'])).exitCode).toBe(0)
  expect((await run(['build', 'string-utils:1.0.0', '--no-validate'])).exitCode).toBe(0)
})
afterAll(async () => {
  delete process.env.AIGOGO_HOME
  await pkg.cleanup()
  await execa('chmod', ['-R', 'u+w', home.path])
  await home.cleanup()
})

describe('local-only workflow (store side)', () => {
  it('resolves the build by name:tag and lists it', async () => {
    const build = await localBuilds.resolve('string-utils:1.0.0')
    expect(build).toMatchObject({files: ['aigogo.json', 'string_helpers.py'], name: 'string-utils', ref: 'string-utils:1.0.0', version: '1.0.0'})
    expect((await localBuilds.list()).map((b) => b.ref)).toEqual(['string-utils:1.0.0'])
    await expect(localBuilds.resolve('string-utils:9.9.9')).rejects.toMatchObject({code: 'BUILD_NOT_FOUND', hints: expect.arrayContaining(['builds of string-utils: string-utils:1.0.0'])})
  })

  it('accepts local references only', () => {
    expect(source.id).toBe('local')
    expect(source.accepts('string-utils:1.0.0')).toBe(true)
    for (const ref of ['docker.io/org/x:1.0.0', 'ghcr.io/o/x:1', 'localhost:5000/x:1', 'org/x:1', 'registry.example.com:1']) expect(source.accepts(ref), ref).toBe(false)
  })

  it('fetches the build into the store with the integrity build printed, read-only', async () => {
    const built = JSON.parse((await aigogo(['list', '--json'], {home: home.path})).stdout).builds[0]
    const fetched = await source.fetch('string-utils:1.0.0')
    expect(fetched.source).toBe('string-utils:1.0.0')
    expect(fetched.integrity).toBe(built.integrity)
    expect(fetched.files).toEqual(['aigogo.json', 'string_helpers.py'])
    expect(fetched.manifest.name).toBe('string-utils')
    expect(await store.has(fetched.integrity)).toBe(true)
    expect((await store.verify(fetched.integrity)).path).toBe(fetched.path)
    expect((await stat(join(fetched.filesDir, 'string_helpers.py'))).mode & 0o777).toBe(0o444)
    const python = await execa('python3', ['-c', 'import string_helpers; print(string_helpers.titlecase("hello world"))'], {cwd: fetched.filesDir})
    expect(python.stdout).toBe('Hello World')
    expect(await readFile(join(fetched.path, 'aigogo.json'), 'utf8')).toContain('"string-utils"')
  })

  it('refuses a build whose integrity differs from the expected one', async () => {
    await expect(source.fetch('string-utils:1.0.0', {expectedIntegrity: `sha256:${'0'.repeat(64)}`})).rejects.toMatchObject({code: 'INTEGRITY_MISMATCH'})
  })

  it('gives a precise error for a malformed local reference', async () => {
    await expect(source.fetch('string-utils')).rejects.toMatchObject({code: 'REF_INVALID'})
  })
})
