/**
 * aigogo config: settings in AIGOGO_HOME/config.json, checked per key, written staged and
 * renamed, other keys of the file kept, a damaged file refused rather than overwritten.
 */
import {readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from './helpers/cli.js'

let home: {path: string; cleanup: () => Promise<void>}
beforeAll(async () => {
  home = await tempDir()
})
afterAll(async () => home?.cleanup())

const run = (...args: string[]) => aigogo(args, {home: home.path})
const file = (): string => join(home.path, 'config.json')

describe('aigogo config', () => {
  it('sets, gets, lists and unsets settings', async () => {
    expect((await run('config', 'list')).stdout).toContain('No settings')
    expect((await run('config', 'get', 'registry')).stdout).toBe('')
    expect(JSON.parse((await run('config', 'get', 'registry', '--json')).stdout)).toEqual({key: 'registry', value: null})

    const set = await run('config', 'set', 'registry', 'https://LocalHost:5000/', 'registry.example.com', '--json')
    expect(set.exitCode, set.stderr).toBe(0)
    expect(JSON.parse(set.stdout)).toMatchObject({key: 'registry', value: ['localhost:5000', 'registry.example.com']})
    expect((await run('config', 'get', 'registry')).stdout).toBe('localhost:5000\nregistry.example.com')
    expect((await run('config', 'set', 'search.max-repositories', '2000')).exitCode).toBe(0)
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({registry: ['localhost:5000', 'registry.example.com'], 'search.max-repositories': 2000})
    expect(JSON.parse((await run('config', 'list', '--json')).stdout).settings).toEqual({registry: ['localhost:5000', 'registry.example.com'], 'search.max-repositories': 2000})
    expect((await run('config', 'list')).stdout).toContain('registry = localhost:5000 registry.example.com')

    expect(JSON.parse((await run('config', 'unset', 'registry', '--json')).stdout)).toEqual({key: 'registry', removed: true})
    expect(JSON.parse((await run('config', 'unset', 'registry', '--json')).stdout)).toEqual({key: 'registry', removed: false})
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({'search.max-repositories': 2000})
    // Staged and renamed: no stage left next to the file.
    expect((await readdir(home.path)).filter((n) => n.includes('config.json.'))).toEqual([])
  })

  it('refuses unknown keys and bad values with coded errors, changing nothing', async () => {
    const before = await readFile(file(), 'utf8')
    for (const [args, code] of [
      [['config', 'set', 'registy', 'x'], 'CONFIG_KEY_UNKNOWN'],
      [['config', 'get', 'nope'], 'CONFIG_KEY_UNKNOWN'],
      [['config', 'set', 'registry', 'not a host'], 'CONFIG_VALUE_INVALID'],
      [['config', 'set', 'registry', 'host:99999'], 'CONFIG_VALUE_INVALID'],
      [['config', 'set', 'search.max-tags', '0'], 'CONFIG_VALUE_INVALID'],
      [['config', 'set', 'search.max-tags', '5', '6'], 'CONFIG_VALUE_INVALID'],
    ] as const) {
      const result = await run(...args, '--json')
      expect(result.exitCode, args.join(' ')).toBe(1)
      expect(jsonError(result).code).toBe(code)
    }
    expect(jsonError(await run('config', 'set', 'registy', 'x', '--json')).hints.join(' ')).toContain('registry, search.max-repositories, search.max-tags')
    expect(await readFile(file(), 'utf8')).toBe(before)
  })

  it('keeps keys it does not know, and refuses a damaged file without overwriting it', async () => {
    await writeFile(file(), JSON.stringify({'future.key': true, registry: ['a.example']}))
    expect((await run('config', 'set', 'search.max-tags', '9')).exitCode).toBe(0)
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({'future.key': true, registry: ['a.example'], 'search.max-tags': 9})

    await writeFile(file(), '{"registry": [')
    for (const args of [['config', 'list'], ['config', 'set', 'registry', 'b.example'], ['search', 'x']]) {
      const result = await run(...args, '--json')
      expect(result.exitCode, args.join(' ')).toBe(3)
      expect(jsonError(result).code).toBe('CONFIG_INVALID')
    }
    expect(await readFile(file(), 'utf8')).toBe('{"registry": [')
    await writeFile(file(), JSON.stringify({registry: 'not a host'}))
    expect(jsonError(await run('config', 'get', 'registry', '--json')).code).toBe('CONFIG_INVALID')
  })
})
