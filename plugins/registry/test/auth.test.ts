import {chmod, mkdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {startRegistry, type TestRegistry} from '../../../test/helpers/registry.js'
import {buildPackage, type BuiltPackage, json, ok} from './fixtures.js'

let root: {path: string; cleanup: () => Promise<void>}
let pkg: BuiltPackage
const registries: TestRegistry[] = []

beforeAll(async () => {
  root = await tempDir()
  pkg = await buildPackage(root.path)
}, 60_000)
afterAll(async () => {
  await Promise.all(registries.map((r) => r.stop()))
  await root?.cleanup()
})

async function start(options: Parameters<typeof startRegistry>[0]): Promise<TestRegistry> {
  const registry = await startRegistry(options)
  registries.push(registry)
  return registry
}

describe('htpasswd Basic auth', () => {
  it('refuses to push without a login, logs in (0600 file, secret never printed), pushes, pulls and logs out', async () => {
    const registry = await start({auth: 'htpasswd'})
    const ref = `${registry.host}/team/private:1`
    const denied = await aigogo(['push', ref, '--from', pkg.build, '--json'], {home: pkg.home})
    expect(jsonError(denied).code).toBe('REGISTRY_UNAUTHORIZED')
    expect(jsonError(denied).hints.join(' ')).toContain(`aigogo login ${registry.host}`)

    const wrong = await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin', '--json'], {home: pkg.home, input: 'not-it\n'})
    expect(jsonError(wrong).code).toBe('LOGIN_FAILED')
    expect(wrong.stdout + wrong.stderr).not.toContain('not-it')

    const login = ok(await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin'], {home: pkg.home, input: `${registry.password}\n`}))
    expect(login.stderr + login.stdout).not.toContain(registry.password)
    const authFile = join(pkg.home, 'auth.json')
    expect((await stat(authFile)).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(await readFile(authFile, 'utf8')) as {auths: Record<string, {auth: string}>}
    expect(Buffer.from(stored.auths[registry.host]!.auth, 'base64').toString()).toBe(`${registry.username}:${registry.password}`)

    ok(await aigogo(['push', ref, '--from', pkg.build], {home: pkg.home}))
    const pulled = json<{integrity: string}>(await aigogo(['pull', ref, '--json'], {home: pkg.home}))
    expect(pulled.integrity).toBe(pkg.integrity)

    ok(await aigogo(['logout', registry.host], {home: pkg.home}))
    const after = JSON.parse(await readFile(authFile, 'utf8')) as {auths: Record<string, unknown>}
    expect(after.auths[registry.host]).toBeUndefined()
  })

  it("uses Docker's config.json: a credential helper first, then plaintext auths", async () => {
    const registry = await start({auth: 'htpasswd'})
    const home = join(root.path, 'home-docker')
    const dockerDir = join(root.path, 'docker-config')
    const bin = join(root.path, 'bin')
    await mkdir(dockerDir, {recursive: true})
    await mkdir(bin, {recursive: true})
    const ref = `${registry.host}/team/helper:1`
    // Plaintext auths.
    await writeFile(join(dockerDir, 'config.json'), JSON.stringify({auths: {[registry.host]: {auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}}}))
    const env = {DOCKER_CONFIG: dockerDir}
    ok(await aigogo(['push', ref, '--from', pkg.build], {env, home: pkg.home}))
    // A credential helper (a real program on PATH) wins over a wrong plaintext entry.
    const helper = join(bin, 'docker-credential-aigogotest')
    await writeFile(helper, `#!/bin/sh\nread server\necho "{\\"ServerURL\\":\\"$server\\",\\"Username\\":\\"${registry.username}\\",\\"Secret\\":\\"${registry.password}\\"}"\n`)
    await chmod(helper, 0o755)
    await writeFile(join(dockerDir, 'config.json'), JSON.stringify({auths: {[registry.host]: {auth: Buffer.from('x:wrong').toString('base64')}}, credHelpers: {[registry.host]: 'aigogotest'}}))
    const pulled = json<{integrity: string}>(await aigogo(['pull', ref, '--json'], {env: {...env, PATH: `${bin}:${process.env.PATH}`}, home}))
    expect(pulled.integrity).toBe(pkg.integrity)
  })
})

describe('token auth', () => {
  it('pulls anonymously with a pull-scoped token and pushes with one pull,push token per command', async () => {
    const registry = await start({auth: 'token'})
    const ref = `${registry.host}/team/tokened:1`
    const anonymous = await aigogo(['push', ref, '--from', pkg.build, '--json'], {home: join(root.path, 'home-anon')})
    expect(anonymous.exitCode).not.toBe(0)
    ok(await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin'], {home: pkg.home, input: registry.password}))
    const before = registry.tokenRequests.length
    ok(await aigogo(['push', ref, '--from', pkg.build], {home: pkg.home}))
    const pushTokens = registry.tokenRequests.slice(before)
    expect(pushTokens).toEqual([{scope: ['repository:team/tokened:pull,push'], user: registry.username}])
    const pulled = json<{integrity: string}>(await aigogo(['pull', ref, '--json'], {home: join(root.path, 'home-anon')}))
    expect(pulled.integrity).toBe(pkg.integrity)
    expect(registry.tokenRequests.at(-1)).toEqual({scope: ['repository:team/tokened:pull'], user: undefined})
  })
})

describe('TLS', () => {
  it('refuses an untrusted certificate and works once AIGOGO_CA_FILE names the CA', async () => {
    const registry = await start({auth: 'htpasswd', tls: true})
    const ref = `${registry.host}/team/secure:1`
    const untrusted = await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin', '--json'], {home: pkg.home, input: registry.password})
    expect(jsonError(untrusted).code).toBe('REGISTRY_TLS_UNTRUSTED')
    ok(await aigogo(['login', registry.host, '-u', registry.username, '--password-stdin'], {env: registry.env, home: pkg.home, input: registry.password}))
    ok(await aigogo(['push', ref, '--from', pkg.build], {env: registry.env, home: pkg.home}))
    // A fresh home (nothing cached) that trusts the CA through NODE_EXTRA_CA_CERTS instead.
    const home = join(root.path, 'home-tls')
    await mkdir(home, {recursive: true})
    await writeFile(join(home, 'auth.json'), await readFile(join(pkg.home, 'auth.json')))
    const pulled = json<{integrity: string}>(await aigogo(['pull', ref, '--json'], {env: {NODE_EXTRA_CA_CERTS: registry.caFile}, home}))
    expect(pulled.integrity).toBe(pkg.integrity)
  })
})
