/**
 * login and logout through a Docker credential helper: a real program on PATH speaking the
 * docker-credential protocol (get/store/erase/list over stdin), keeping logins in a JSON file.
 */
import {chmod, mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {startRegistry, type TestRegistry} from '../../../test/helpers/registry.js'
import {buildPackage, type BuiltPackage, json, ok} from './fixtures.js'

const HELPER = `#!/usr/bin/env python3
import json, os, sys
store = os.environ['HELPER_STORE']
with open(store + '.argv', 'a') as log: log.write(' '.join(sys.argv) + '\\n')
data = json.load(open(store)) if os.path.exists(store) else {}
action, given = sys.argv[1], sys.stdin.read()
def save():
    with open(store, 'w') as f: json.dump(data, f)
if action == 'store':
    entry = json.loads(given)
    data[entry['ServerURL']] = {'Username': entry['Username'], 'Secret': entry['Secret']}
    save()
elif action == 'get':
    server = given.strip()
    if server not in data:
        print('credentials not found in native keychain'); sys.exit(1)
    print(json.dumps({'ServerURL': server, **data[server]}))
elif action == 'erase':
    server = given.strip()
    if server not in data:
        print('credentials not found in native keychain'); sys.exit(1)
    del data[server]
    save()
elif action == 'list':
    print(json.dumps({k: v['Username'] for k, v in data.items()}))
else:
    sys.exit(2)
`

let registry: TestRegistry
let root: {path: string; cleanup: () => Promise<void>}
let pkg: BuiltPackage
let bin: string

beforeAll(async () => {
  ;[registry, root] = await Promise.all([startRegistry({auth: 'htpasswd'}), tempDir()])
  pkg = await buildPackage(root.path)
  bin = join(root.path, 'bin')
  await mkdir(bin, {recursive: true})
  await writeFile(join(bin, 'docker-credential-filestore'), HELPER)
  await chmod(join(bin, 'docker-credential-filestore'), 0o755)
}, 60_000)
afterAll(async () => {
  await registry?.stop()
  await root?.cleanup()
})

/** A Docker config dir with `config`, a helper store file, and the environment that uses both. */
async function dockerSetup(name: string, config: Record<string, unknown>): Promise<{env: Record<string, string>; store: string; home: string}> {
  const dir = join(root.path, name)
  await mkdir(join(dir, 'docker'), {recursive: true})
  await writeFile(join(dir, 'docker', 'config.json'), JSON.stringify(config))
  const store = join(dir, 'helper-store.json')
  return {env: {DOCKER_CONFIG: join(dir, 'docker'), HELPER_STORE: store, PATH: `${bin}:${process.env.PATH}`}, home: join(dir, 'home'), store}
}

const readStore = async (store: string): Promise<Record<string, {Username: string; Secret: string}>> => JSON.parse(await readFile(store, 'utf8').catch(() => '{}'))
const authJson = async (home: string): Promise<string> => readFile(join(home, 'auth.json'), 'utf8').catch(() => '')

describe('login through a Docker credential helper', () => {
  for (const [label, config] of [
    ['credsStore', {credsStore: 'filestore'}],
    ['credHelpers', {credHelpers: {'registry.example': 'other', [`__HOST__`]: 'filestore'}}],
  ] as const) {
    it(`stores the login in the helper named by ${label}, uses it, and logout erases it there`, async () => {
      const {env, home, store} = await dockerSetup(label, JSON.parse(JSON.stringify(config).replace('__HOST__', registry.host)))
      const login = json<{storedIn: string}>(await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin', '--json'], {env, home, input: `${registry.password}\n`}))
      expect(login.storedIn).toBe('docker-credential-filestore')
      expect(await readStore(store)).toEqual({[registry.host]: {Secret: registry.password, Username: registry.username}})
      expect(await authJson(home)).not.toContain(registry.host)
      // The secret went on stdin, never in the helper's argv.
      expect(await readFile(`${store}.argv`, 'utf8')).not.toContain(registry.password)

      ok(await aigogo(['push', `${registry.host}/team/${label.toLowerCase()}:1`, '--from', pkg.build], {env, home: pkg.home}))

      const logout = json<{removed: boolean; removedFrom: string[]}>(await aigogo(['logout', registry.host, '--json'], {env, home}))
      expect(logout).toMatchObject({removed: true, removedFrom: ['docker-credential-filestore']})
      expect(await readStore(store)).toEqual({})
      const again = json<{removed: boolean}>(await aigogo(['logout', registry.host, '--json'], {env, home}))
      expect(again.removed).toBe(false)
      const denied = await aigogo(['push', `${registry.host}/team/${label.toLowerCase()}:2`, '--from', pkg.build, '--json'], {env, home: pkg.home})
      expect(jsonError(denied).code).toBe('REGISTRY_UNAUTHORIZED')
    })
  }

  it('keeps auth.json for a registry no helper is named for, and replaces an older auth.json login by the helper', async () => {
    const {env, home, store} = await dockerSetup('other-host', {credHelpers: {'registry.example': 'filestore'}})
    const login = json<{storedIn: string}>(await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin', '--json'], {env, home, input: `${registry.password}\n`}))
    expect(login.storedIn).toBe('auth.json')
    expect(await authJson(home)).toContain(registry.host)
    expect(await readStore(store)).toEqual({})
    // Now Docker uses a helper for every registry: the next login goes there and auth.json forgets the old one.
    await writeFile(join(env.DOCKER_CONFIG!, 'config.json'), JSON.stringify({credsStore: 'filestore'}))
    ok(await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin'], {env, home, input: `${registry.password}\n`}))
    expect(await authJson(home)).not.toContain(registry.host)
    expect(Object.keys(await readStore(store))).toEqual([registry.host])
  })

  it('refuses with CREDENTIAL_HELPER_MISSING when the named helper is not installed, storing nothing', async () => {
    const {env, home} = await dockerSetup('missing', {credsStore: 'nosuchhelper'})
    const result = await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin', '--json'], {env, home, input: `${registry.password}\n`})
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('CREDENTIAL_HELPER_MISSING')
    expect(result.stderr).not.toContain(registry.password)
    expect(await authJson(home)).toBe('')
  })
})
