/**
 * The trust policy where packages enter a machine: pull, add and install (a team install from the
 * lock on a fresh AIGOGO_HOME included) against the real docker-registry, signatures found through
 * the OCI referrers tag schema; push --sign and info; the signer the lock records and --frozen.
 * The signing plugin makes and checks the signatures; this file tests the registry and imports side.
 */
import {execa} from 'execa'
import {cp, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ReferrersCapability} from '@aigogo/sdk/core'

import {buildPackage, ok} from '../plugins/imports/test/helpers/packages.js'
import {aigogo, jsonError, type RunResult} from './helpers/cli.js'
import {startFaultProxy} from './helpers/fault-proxy.js'
import {useRegistryWorkspace} from './helpers/registry-per-file.js'
import {setProcessEnv} from './helpers/process-env.js'

const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

const setup = useRegistryWorkspace()
let publisher: string
let build: string
let alice: {key: string; pub: string; id: string}
let bob: {key: string; pub: string; id: string}
let referrers: ReferrersCapability
let restoreEnv: (() => void) | undefined

async function keygen(name: string): Promise<{key: string; pub: string; id: string}> {
  const out = JSON.parse(ok(await aigogo(['keygen', '--out', join(setup.root, name), '--no-password', '--json'], {home: publisher})).stdout) as {keyId: string}
  return {id: out.keyId, key: join(setup.root, `${name}.key`), pub: join(setup.root, `${name}.pub`)}
}

const ref = (path: string): string => `${setup.registry.host}/${path}`

async function push(path: string, ...extra: string[]): Promise<{digest: string; signature?: {keyId: string; referrer: string}}> {
  return JSON.parse(ok(await aigogo(['push', ref(path), '--from', build, '--json', ...extra], {home: publisher})).stdout) as {digest: string}
}

/** A consumer's AIGOGO_HOME whose user policy allows `keys` for team/*. */
async function consumer(name: string, keys: Array<{pub: string}> = [alice]): Promise<string> {
  const home = join(setup.root, name)
  await mkdir(home, {recursive: true})
  for (const key of keys) ok(await aigogo(['trust', 'add', ref('team/*'), '--key', key.pub], {home}))
  return home
}

/** Every file under the store and the caches, to prove a refusal left them as they were. */
async function stateOf(home: string): Promise<string[]> {
  const out: string[] = []
  for (const dir of ['store', 'cache']) {
    const top = join(home, dir)
    const walk = async (at: string): Promise<void> => {
      for (const entry of await readdir(at, {withFileTypes: true}).catch(() => [])) {
        // The store's lock and index bookkeeping may be touched by a read; packages may not.
        if (entry.isDirectory()) await walk(join(at, entry.name))
        else out.push(relative(home, join(at, entry.name)))
      }
    }
    await walk(top)
  }
  return out.sort()
}

function refused(result: RunResult, code: string): void {
  expect(result.exitCode, result.stderr).not.toBe(0)
  expect(jsonError(result).code).toBe(code)
}

beforeAll(async () => {
  publisher = join(setup.root, 'publisher')
  build = await buildPackage(publisher, join(setup.root, 'tool'), {files: {'tool.js': 'exports.v = 1\n'}, language: 'javascript', name: 'tool'})
  ;[alice, bob] = [await keygen('alice'), await keygen('bob')]
  await push('team/signed:1', '--sign', '--key', alice.key)
  await push('team/unsigned:1')
  await push('team/by-bob:1', '--sign', '--key', bob.key)
  restoreEnv = setProcessEnv({AIGOGO_HOME: publisher, DOCKER_CONFIG: join(setup.root, 'docker')})
  referrers = (await import('../plugins/registry/dist/capabilities/referrers.js')).default
}, 120_000)
afterAll(() => restoreEnv?.())

describe('push --sign and info', () => {
  it('signs as it pushes, attaches the bundle as a referrer, and info lists the signature', async () => {
    const pushed = await push('team/fresh:1', '--sign', '--key', alice.key)
    expect(pushed.signature?.keyId).toBe(alice.id)
    // skopeo, independently: the fallback index lists a Sigstore bundle referrer.
    const {stdout} = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref(`team/fresh:${pushed.digest.replace(':', '-')}`)}`])
    expect((JSON.parse(stdout) as {manifests: Array<{artifactType: string; digest: string}>}).manifests).toEqual([expect.objectContaining({artifactType: BUNDLE, digest: pushed.signature?.referrer})])

    const text = ok(await aigogo(['push', ref('team/fresh:1'), '--from', build, '--sign', '--key', alice.key], {home: publisher})).stdout
    expect(text).toContain(`Signed with key ${alice.id}`)
    // No policy in the publisher's home: listed, not verified.
    const untrusted = JSON.parse(ok(await aigogo(['info', ref('team/fresh:1'), '--json'], {home: publisher})).stdout) as {signatures: Array<{verified?: boolean}>}
    expect(untrusted.signatures).toEqual([expect.objectContaining({keyId: alice.id, referrer: pushed.signature?.referrer})])
    expect(untrusted.signatures[0]?.verified).not.toBe(true)
    const home = await consumer('info-home')
    const trusted = JSON.parse(ok(await aigogo(['info', ref('team/fresh:1'), '--json'], {home})).stdout) as {signatures: unknown[]}
    expect(trusted.signatures).toEqual([expect.objectContaining({keyId: alice.id, verified: true})])
    const shown = ok(await aigogo(['info', ref('team/fresh:1')], {home})).stdout
    expect(shown).toMatch(new RegExp(`Signatures:\\n  ${alice.id}  verified`))
    expect(ok(await aigogo(['info', ref('team/unsigned:1')], {home})).stdout).toContain('Signatures: none')
  })

  it('lists the referrers of a signed package once: the trust provider is answered from the listing info made', async () => {
    const proxy = await startFaultProxy(setup.registry.host)
    try {
      const home = join(setup.root, 'listing-home')
      await mkdir(home, {recursive: true})
      ok(await aigogo(['trust', 'add', `${proxy.host}/team/*`, '--key', alice.pub], {home}))
      const shown = JSON.parse(ok(await aigogo(['info', `${proxy.host}/team/signed:1`, '--json'], {home})).stdout) as {signatures: unknown[]}
      expect(shown.signatures).toEqual([expect.objectContaining({keyId: alice.id, verified: true})])
      // The API's 404 and the fallback tag's HEAD once each (Distribution has no API), then the index and the bundle.
      expect({api: proxy.count('GET', /\/referrers\//), head: proxy.count('HEAD', /\/manifests\/sha256-/), index: proxy.count('GET', /\/manifests\/sha256-/)}).toEqual({api: 1, head: 1, index: 1})
    } finally {
      await proxy.stop()
    }
  })

  it('checks the flags and the key file before it pushes anything', async () => {
    refused(await aigogo(['push', ref('team/never:1'), '--from', build, '--sign', '--key', join(setup.root, 'nope.key'), '--json'], {home: publisher}), 'KEY_NOT_FOUND')
    refused(await aigogo(['push', ref('team/never:1'), '--from', build, '--sign', '--json'], {home: publisher}), 'SIGN_KEY_MISSING')
    refused(await aigogo(['push', ref('team/never:1'), '--from', build, '--key', alice.key, '--json'], {home: publisher}), 'SIGN_FLAG_MISSING')
    const tags = await fetch(`http://${setup.registry.host}/v2/team/never/tags/list`)
    expect(tags.status).toBe(404)
  })
})

describe('pull and add under a trust policy', () => {
  it('pulls a package signed by an allowed key and reports the signer', async () => {
    const home = await consumer('pull-ok')
    const pulled = JSON.parse(ok(await aigogo(['pull', ref('team/signed:1'), '--json'], {home})).stdout) as {signer?: string}
    expect(pulled.signer).toBe(alice.id)
    expect(ok(await aigogo(['pull', ref('team/signed:1')], {home})).stdout).toContain(`Signed by: ${alice.id}`)
  })

  it('refuses an unsigned package on pull and add, storing nothing, caching nothing and writing no lock', async () => {
    const home = await consumer('unsigned')
    const project = join(setup.root, 'unsigned-project')
    await mkdir(project)
    const before = await stateOf(home)
    refused(await aigogo(['pull', ref('team/unsigned:1'), '--json'], {home}), 'SIGNATURE_MISSING')
    refused(await aigogo(['add', ref('team/unsigned:1'), '--json'], {cwd: project, home}), 'SIGNATURE_MISSING')
    expect(await stateOf(home)).toEqual(before)
    expect(await readdir(project)).toEqual([])
    // The same package, once in the store from a pull without the policy, is still refused.
    const open = join(setup.root, 'unsigned-open')
    await mkdir(open)
    ok(await aigogo(['pull', ref('team/unsigned:1')], {home: open}))
    ok(await aigogo(['trust', 'add', ref('team/*'), '--key', alice.pub], {home: open}))
    refused(await aigogo(['pull', ref('team/unsigned:1'), '--json'], {home: open}), 'SIGNATURE_MISSING')
  })

  it('refuses a package signed by a key the policy does not allow', async () => {
    const home = await consumer('untrusted')
    const project = join(setup.root, 'untrusted-project')
    await mkdir(project)
    refused(await aigogo(['pull', ref('team/by-bob:1'), '--json'], {home}), 'SIGNATURE_UNTRUSTED')
    refused(await aigogo(['add', ref('team/by-bob:1'), '--json'], {cwd: project, home}), 'SIGNATURE_UNTRUSTED')
    expect(await stateOf(home)).toEqual([])
  })

  it('refuses a tampered signature, and one copied from another package', async () => {
    const signed = await referrers.resolve(ref('team/signed:1'))
    const [listed] = (await referrers.list(signed, {artifactType: BUNDLE})).referrers
    const bundle = JSON.parse(new TextDecoder().decode(await referrers.fetch(signed, listed!))) as {messageSignature: {signature: string}}
    const signature = Buffer.from(bundle.messageSignature.signature, 'base64')
    signature[signature.length - 1] ^= 1
    const tampered = {...bundle, messageSignature: {...bundle.messageSignature, signature: signature.toString('base64')}}
    await push('team/tampered:1')
    const target = await referrers.resolve(ref('team/tampered:1'))
    await referrers.attach(target, {artifactType: BUNDLE, payload: new TextEncoder().encode(JSON.stringify(tampered)), payloadMediaType: BUNDLE})

    // Another package (another manifest), carrying the signature of team/signed.
    const other = await buildPackage(publisher, join(setup.root, 'other'), {files: {'other.js': 'exports.o = 2\n'}, language: 'javascript', name: 'other'})
    ok(await aigogo(['push', ref('team/copied:1'), '--from', other], {home: publisher}))
    const copied = await referrers.resolve(ref('team/copied:1'))
    await referrers.attach(copied, {artifactType: BUNDLE, payload: new TextEncoder().encode(JSON.stringify(bundle)), payloadMediaType: BUNDLE})

    const home = await consumer('tampered')
    refused(await aigogo(['pull', ref('team/tampered:1'), '--json'], {home}), 'SIGNATURE_INVALID')
    refused(await aigogo(['pull', ref('team/copied:1'), '--json'], {home}), 'SIGNATURE_INVALID')
    expect(await stateOf(home)).toEqual([])
  })
})

describe('install under the project policy', () => {
  /** A project whose aigogo.trust.json allows `keys`, with `path` added (the lock records the signer). */
  async function project(name: string, path: string, keys: Array<{pub: string}> = [alice]): Promise<{dir: string; home: string}> {
    const dir = join(setup.root, name)
    const home = join(setup.root, `${name}-home`)
    await mkdir(dir, {recursive: true})
    await writeFile(join(dir, 'aigogo.lock'), '{"version": 1, "packages": {}}\n')
    for (const key of keys) ok(await aigogo(['trust', 'add', ref('team/*'), '--key', key.pub, '--project'], {cwd: dir, home}))
    ok(await aigogo(['add', ref(path)], {cwd: dir, home}))
    return {dir, home}
  }

  /** The project's lock and policy, as a teammate clones them, with a fresh AIGOGO_HOME. */
  async function clone(from: string, name: string, edit: (lock: string) => string = (l) => l): Promise<{dir: string; home: string}> {
    const dir = join(setup.root, name)
    await mkdir(dir, {recursive: true})
    await writeFile(join(dir, 'aigogo.lock'), edit(await readFile(join(from, 'aigogo.lock'), 'utf8')))
    await cp(join(from, 'aigogo.trust.json'), join(dir, 'aigogo.trust.json'))
    return {dir, home: join(setup.root, `${name}-home`)}
  }

  it('records the verified signer in the lock, and a teammate on a fresh home installs under the same policy', async () => {
    const author = await project('team-project', 'team/signed:1')
    const lock = JSON.parse(await readFile(join(author.dir, 'aigogo.lock'), 'utf8')) as {packages: {tool: {signer?: string}}}
    expect(lock.packages.tool.signer).toBe(alice.id)

    const mate = await clone(author.dir, 'teammate')
    const installed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: mate.dir, home: mate.home})).stdout) as {fetched: number; packages: Array<{signer?: string}>}
    expect(installed.fetched).toBe(1)
    expect(installed.packages[0]?.signer).toBe(alice.id)
    expect(await readFile(join(mate.dir, '.aigogo', 'imports', '@aigogo', 'tool', 'tool.js'), 'utf8')).toBe('exports.v = 1\n')

    // A lock pointed at the unsigned copy of the same content: refused, nothing stored or installed.
    const forged = await clone(author.dir, 'forged', (l) => l.replace('team/signed:1', 'team/unsigned:1').replace(/\n\s*"signer": "[^"]+"/, '').replace(/,(\n\s*})/, '$1'))
    refused(await aigogo(['install', '--json'], {cwd: forged.dir, home: forged.home}), 'SIGNATURE_MISSING')
    expect(await stateOf(forged.home)).toEqual([])
    expect(await readdir(forged.dir)).toEqual(['aigogo.lock', 'aigogo.trust.json'])
  })

  it('checks packages already in the store too, when install has work to do', async () => {
    const author = await project('stored-project', 'team/signed:1')
    // The teammate's store already holds the content, pulled from the unsigned repository without a policy.
    const mate = await clone(author.dir, 'stored-mate', (l) => l.replace('team/signed:1', 'team/unsigned:1').replace(/\n\s*"signer": "[^"]+"/, '').replace(/,(\n\s*})/, '$1'))
    await mkdir(mate.home, {recursive: true})
    ok(await aigogo(['pull', ref('team/unsigned:1')], {home: mate.home}))
    refused(await aigogo(['install', '--json'], {cwd: mate.dir, home: mate.home}), 'SIGNATURE_MISSING')
    expect(await readdir(mate.dir)).toEqual(['aigogo.lock', 'aigogo.trust.json'])
  })

  it('does a full install, which enforces it, when a project policy appears after a no-op install', async () => {
    const dir = join(setup.root, 'late-policy')
    const home = join(setup.root, 'late-policy-home')
    await mkdir(dir, {recursive: true})
    ok(await aigogo(['add', ref('team/unsigned:1')], {cwd: dir, home}))
    ok(await aigogo(['install', '--json'], {cwd: dir, home}))
    expect((JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, home})).stdout) as {upToDate: boolean}).upToDate).toBe(true)
    ok(await aigogo(['trust', 'add', ref('team/*'), '--key', alice.pub, '--project'], {cwd: dir, home}))
    refused(await aigogo(['install', '--json'], {cwd: dir, home}), 'SIGNATURE_MISSING')
  })

  it('install --frozen refuses a changed signer and installs nothing; without --frozen it warns', async () => {
    await push('team/rotated:1', '--sign', '--key', alice.key)
    const author = await project('rotation', 'team/rotated:1', [alice, bob])
    // The publisher rotates to bob: bob signs, alice's signature is taken out of the referrers index.
    ok(await aigogo(['sign', ref('team/rotated:1'), '--key', bob.key], {home: publisher}))
    const subject = await referrers.resolve(ref('team/rotated:1'))
    const tag = subject.digest.replace(':', '-')
    const index = JSON.parse((await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref(`team/rotated:${tag}`)}`])).stdout) as {manifests: Array<{digest: string}>}
    const bobs = (await referrers.list(subject)).referrers
    expect(bobs).toHaveLength(2)
    const keep = {...index, manifests: index.manifests.slice(1)}
    const put = await fetch(`http://${setup.registry.host}/v2/team/rotated/manifests/${tag}`, {body: JSON.stringify(keep), headers: {'content-type': 'application/vnd.oci.image.index.v1+json'}, method: 'PUT'})
    expect(put.status).toBe(201)

    const mate = await clone(author.dir, 'rotation-mate')
    const frozen = await aigogo(['install', '--frozen', '--json'], {cwd: mate.dir, home: mate.home})
    refused(frozen, 'SIGNER_CHANGED')
    expect(jsonError(frozen).message).toContain(`locked ${alice.id}, now signed by ${bob.id}`)
    expect(await readdir(mate.dir)).toEqual(['aigogo.lock', 'aigogo.trust.json'])

    const relaxed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: mate.dir, home: mate.home})).stdout) as {warnings: string[]; packages: Array<{signer?: string}>}
    expect(relaxed.packages[0]?.signer).toBe(bob.id)
    expect(relaxed.warnings.join('\n')).toContain(`now signed by ${bob.id}`)
    // install never rewrites the lock: add records the new signer.
    expect(await readFile(join(mate.dir, 'aigogo.lock'), 'utf8')).toBe(await readFile(join(author.dir, 'aigogo.lock'), 'utf8'))

    // The policy file removed: the locked signer is verified by nothing any more.
    await rm(join(mate.dir, 'aigogo.trust.json'))
    refused(await aigogo(['install', '--frozen', '--json'], {cwd: mate.dir, home: mate.home}), 'SIGNER_CHANGED')
  })
})
