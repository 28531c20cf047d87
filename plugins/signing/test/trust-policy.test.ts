/** aigogo trust add / list / remove: the user's and the project's policy files, and what they refuse. */
import {generateKeyPairSync} from 'node:crypto'
import {execa} from 'execa'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {jsonError, json, run, tempDir} from './helpers.js'

let work: {path: string; cleanup: () => Promise<void>}
let alice: {keyId: string; publicKeyFile: string; privateKeyFile: string}
let bob: {keyId: string; publicKeyFile: string; privateKeyFile: string}

beforeAll(async () => {
  work = await tempDir('aigogo-trust-')
  const keygen = (name: string) => run(['keygen', '--out', join(work.path, 'keys', name), '--no-password', '--json'], {home: join(work.path, 'keygen-home')})
  alice = json(await keygen('alice'))
  bob = json(await keygen('bob'))
})
afterAll(async () => work?.cleanup())

async function fresh(name: string): Promise<{home: string; project: string}> {
  const home = join(work.path, name, 'home')
  const project = join(work.path, name, 'project')
  await mkdir(join(project, 'src', 'deep'), {recursive: true})
  return {home, project}
}

interface Listed {policies: Array<{file: string; source: string; scopes: Array<{scope: string; keys: string[]}>}>}

describe('aigogo trust', () => {
  it('adds keys to a scope of the user policy, lists them, and removes one key then the scope', async () => {
    const {home, project} = await fresh('user')
    const first = json<{added: boolean; file: string; keyId: string; source: string}>(await run(['trust', 'add', 'localhost:5000/team/*', '--key', alice.publicKeyFile, '--json'], {cwd: project, home}))
    expect(first).toEqual({added: true, file: join(home, 'trust-policy.json'), keyId: alice.keyId, scope: 'localhost:5000/team/*', source: 'user'})
    expect(json<{added: boolean}>(await run(['trust', 'add', 'localhost:5000/team/*', '--key', alice.publicKeyFile, '--json'], {cwd: project, home})).added).toBe(false)
    ok2(await run(['trust', 'add', 'localhost:5000/team/*', '--key', bob.publicKeyFile], {cwd: project, home}))
    ok2(await run(['trust', 'add', 'ghcr.io/acme/**', '--key', bob.publicKeyFile], {cwd: project, home}))

    // The file stores each public key whole, keyed by scope: reviewable and self-contained.
    const file = JSON.parse(await readFile(join(home, 'trust-policy.json'), 'utf8')) as {version: number; scopes: Record<string, {keys: Array<{keyId: string; publicKey: string}>}>}
    expect(file.version).toBe(1)
    expect(Object.keys(file.scopes)).toEqual(['ghcr.io/acme/**', 'localhost:5000/team/*'])
    expect(file.scopes['localhost:5000/team/*']!.keys.map((k) => k.keyId)).toEqual([alice.keyId, bob.keyId])
    expect(file.scopes['localhost:5000/team/*']!.keys[0]!.publicKey).toBe(await readFile(alice.publicKeyFile, 'utf8'))

    const listed = json<Listed>(await run(['trust', 'list', '--json'], {cwd: project, home}))
    expect(listed.policies).toEqual([{file: join(home, 'trust-policy.json'), scopes: [{keys: [bob.keyId], scope: 'ghcr.io/acme/**'}, {keys: [alice.keyId, bob.keyId], scope: 'localhost:5000/team/*'}], source: 'user'}])
    const text = ok2(await run(['trust', 'list'], {cwd: project, home})).stdout
    expect(text).toContain('localhost:5000/team/*')
    expect(text).toContain(alice.keyId)

    // By key id, then by file: the scope goes with its last key.
    expect(json<{removed: string[]; scopeRemoved: boolean}>(await run(['trust', 'remove', 'localhost:5000/team/*', '--key', alice.keyId, '--json'], {cwd: project, home}))).toMatchObject({removed: [alice.keyId], scopeRemoved: false})
    expect(json<{removed: string[]; scopeRemoved: boolean}>(await run(['trust', 'remove', 'localhost:5000/team/*', '--key', bob.publicKeyFile, '--json'], {cwd: project, home}))).toMatchObject({removed: [bob.keyId], scopeRemoved: true})
    expect(json<{removed: string[]; scopeRemoved: boolean}>(await run(['trust', 'remove', 'ghcr.io/acme/**', '--json'], {cwd: project, home}))).toMatchObject({removed: [bob.keyId], scopeRemoved: true})
    // No scope left: the file goes, so nothing looks like a policy any more.
    expect(json<Listed>(await run(['trust', 'list', '--json'], {cwd: project, home})).policies).toEqual([])
    expect(await readdir(home)).not.toContain('trust-policy.json')
    expect(ok2(await run(['trust', 'list'], {cwd: project, home})).stdout).toContain('No trust policy')
  })

  it('writes the project policy beside the nearest aigogo.lock, and lists both policies', async () => {
    const {home, project} = await fresh('project')
    await writeFile(join(project, 'aigogo.lock'), JSON.stringify({packages: {}, version: 1}))
    const cwd = join(project, 'src', 'deep')
    const added = json<{file: string; source: string}>(await run(['trust', 'add', 'localhost:5000/team/**', '--key', alice.publicKeyFile, '--project', '--json'], {cwd, home}))
    expect(added).toMatchObject({file: join(project, 'aigogo.trust.json'), source: 'project'})
    ok2(await run(['trust', 'add', '*', '--key', bob.publicKeyFile], {cwd, home}))
    const listed = json<Listed>(await run(['trust', 'list', '--json'], {cwd, home}))
    expect(listed.policies.map((p) => [p.source, p.file, p.scopes.map((s) => s.scope)])).toEqual([
      ['user', join(home, 'trust-policy.json'), ['*']],
      ['project', join(project, 'aigogo.trust.json'), ['localhost:5000/team/**']],
    ])
    // --project removes from the project file only.
    expect(jsonError(await run(['trust', 'remove', '*', '--project', '--json'], {cwd, home})).code).toBe('TRUST_SCOPE_NOT_FOUND')
    ok2(await run(['trust', 'remove', 'localhost:5000/team/**', '--project'], {cwd, home}))
    expect(json<Listed>(await run(['trust', 'list', '--json'], {cwd, home})).policies.map((p) => p.source)).toEqual(['user'])
    expect(await readdir(project)).not.toContain('aigogo.trust.json')
  })

  it('refuses hostile and malformed scopes with TRUST_SCOPE_INVALID, and writes nothing', async () => {
    const {home, project} = await fresh('scopes')
    for (const scope of ['ghcr.io', 'GHCR.io/acme/*', 'ghcr.io/../etc', 'ghcr.io/acme/*/tools', 'ghcr.io/acme/to*ls', 'ghcr.io/**/x', 'ghcr.io//x', 'ghcr.io/acme/', '*.io/acme', 'ghcr.io/a b', 'ghcr.io/acme\u001b[31m', `ghcr.io/${'a'.repeat(300)}`, '**', '/etc/passwd']) {
      const result = await run(['trust', 'add', scope, '--key', alice.publicKeyFile, '--json'], {cwd: project, home})
      expect(result.exitCode, scope).toBe(1)
      expect(jsonError(result).code, scope).toBe('TRUST_SCOPE_INVALID')
      expect(result.stderr).not.toContain('\u001b')
    }
    expect(await readdir(work.path + '/scopes')).toEqual(['project'])
  })

  it('refuses keys that cannot be trusted: a private key, garbage, Ed25519, RSA, a FIFO, a directory, a missing file', async () => {
    const {home, project} = await fresh('bad-keys')
    const ed = generateKeyPairSync('ed25519').publicKey.export({format: 'pem', type: 'spki'}).toString()
    const rsa = generateKeyPairSync('rsa', {modulusLength: 2048}).publicKey.export({format: 'pem', type: 'spki'}).toString()
    const files: Record<string, string> = {'ed25519.pub': ed, 'garbage.pub': 'not a key\n', 'rsa.pub': rsa}
    for (const [name, text] of Object.entries(files)) await writeFile(join(project, name), text)
    // A FIFO would block a plain open(): it is refused as not a regular file, never waited on.
    await execa('mkfifo', [join(project, 'fifo.pub')])
    for (const [key, code] of [[alice.privateKeyFile, 'KEY_INVALID'], ['garbage.pub', 'KEY_INVALID'], ['ed25519.pub', 'KEY_INVALID'], ['rsa.pub', 'KEY_INVALID'], ['fifo.pub', 'KEY_INVALID'], [project, 'KEY_INVALID'], ['nope.pub', 'KEY_NOT_FOUND']] as const) {
      const result = await run(['trust', 'add', 'ghcr.io/acme/*', '--key', key, '--json'], {cwd: project, home})
      expect(jsonError(result).code, key).toBe(code)
    }
    // Not one private key byte in any message.
    const privatePem = await readFile(alice.privateKeyFile, 'utf8')
    const result = await run(['trust', 'add', 'ghcr.io/acme/*', '--key', alice.privateKeyFile], {cwd: project, home})
    expect(result.stderr).toContain('private key')
    expect(result.stderr).not.toContain(privatePem.split('\n')[1]!)
    expect(await readdir(join(work.path, 'bad-keys'))).toEqual(['project'])
  })

  it('refuses a damaged or edited policy file with TRUST_POLICY_INVALID naming it, and never rewrites it', async () => {
    const {home, project} = await fresh('corrupt')
    ok2(await run(['trust', 'add', 'ghcr.io/acme/*', '--key', alice.publicKeyFile], {cwd: project, home}))
    const file = join(home, 'trust-policy.json')
    const good = JSON.parse(await readFile(file, 'utf8')) as {scopes: Record<string, {keys: Array<{keyId: string; publicKey: string}>}>}
    const bobPem = await readFile(bob.publicKeyFile, 'utf8')
    const damaged = [
      '{"version": 1, "scopes": {',
      JSON.stringify({scopes: {}, version: 2}),
      JSON.stringify({scopes: {'ghcr.io/acme/*': {keys: []}}, version: 1}),
      JSON.stringify({scopes: {'ghcr.io/../x': good.scopes['ghcr.io/acme/*']}, version: 1}),
      JSON.stringify({mode: 'audit', scopes: {}, version: 1}),
      // The key was swapped but the id kept: the id must be the key's own.
      JSON.stringify({scopes: {'ghcr.io/acme/*': {keys: [{keyId: alice.keyId, publicKey: bobPem}]}}, version: 1}),
    ]
    for (const text of damaged) {
      await writeFile(file, text)
      for (const args of [['trust', 'list', '--json'], ['trust', 'add', 'ghcr.io/other/*', '--key', bob.publicKeyFile, '--json'], ['trust', 'remove', 'ghcr.io/acme/*', '--json']]) {
        const result = await run(args, {cwd: project, home})
        expect(result.exitCode, `${args[1]} on ${text}`).toBe(3)
        const error = jsonError(result)
        expect(error.code).toBe('TRUST_POLICY_INVALID')
        expect(error.message).toContain(file)
        expect(await readFile(file, 'utf8')).toBe(text)
      }
    }
  })

  it('says which scope or key it cannot remove', async () => {
    const {home, project} = await fresh('remove')
    expect(jsonError(await run(['trust', 'remove', 'ghcr.io/acme/*', '--json'], {cwd: project, home})).code).toBe('TRUST_SCOPE_NOT_FOUND')
    ok2(await run(['trust', 'add', 'ghcr.io/acme/*', '--key', alice.publicKeyFile], {cwd: project, home}))
    expect(jsonError(await run(['trust', 'remove', 'ghcr.io/acme/*', '--key', bob.keyId, '--json'], {cwd: project, home})).code).toBe('TRUST_KEY_NOT_FOUND')
    expect(json<Listed>(await run(['trust', 'list', '--json'], {cwd: project, home})).policies[0]!.scopes).toEqual([{keys: [alice.keyId], scope: 'ghcr.io/acme/*'}])
  })
})

function ok2<T extends {exitCode: number; stderr: string}>(result: T): T {
  if (result.exitCode !== 0) throw new Error(result.stderr)
  return result
}
