/**
 * search against a real Distribution registry: every repository without a query, the package's
 * own name and capabilities, default registries from `aigogo config`, and the bounds that keep
 * a registry-wide search cheap on large registries.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, tempDir} from '../../../test/helpers/cli.js'
import {startRegistry, type TestRegistry} from '../../../test/helpers/registry.js'
import {buildPackage, type BuiltPackage, json, ok} from './fixtures.js'

let registry: TestRegistry
let root: {path: string; cleanup: () => Promise<void>}
let pkg: BuiltPackage

interface Hit {registry: string; repository: string; latest: string; name?: string; summary?: string}

beforeAll(async () => {
  ;[registry, root] = await Promise.all([startRegistry(), tempDir()])
  pkg = await buildPackage(root.path, 'string-utils')
  ok(await aigogo(['push', `${registry.host}/team/su:1.0.0`, '--from', pkg.build], {home: pkg.home}))
}, 60_000)
afterAll(async () => {
  await registry?.stop()
  await root?.cleanup()
})

describe('search', () => {
  it('lists every package when no query is given, in text and --json', async () => {
    const text = ok(await aigogo(['search', '--registry', registry.host], {home: pkg.home}))
    expect(text.stdout).toContain(`${registry.host}/team/su`)
    const all = json<{results: Hit[]}>(await aigogo(['search', '--registry', registry.host, '--json'], {home: pkg.home}))
    expect(all.results.map((r) => r.repository)).toEqual(['team/su'])
  })
})
