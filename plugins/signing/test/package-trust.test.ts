/**
 * The "package-trust" capability as the registry plugin calls it before a package enters the
 * store: covers / enforce / describe / sign, against the real docker-registry, with user and
 * project policies written by `aigogo trust add`.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {capability, type PackageTrustCapability, type ReferrersCapability} from '@aigogo/sdk/core'

import {startReferrersProxy} from '../../../test/helpers/referrers-proxy.js'
import {useRegistryWorkspace} from '../../../test/helpers/registry-per-file.js'
import {setProcessEnv} from '../../../test/helpers/process-env.js'
import {rejectionCode} from '../../../test/helpers/rejection-code.js'
import {BUNDLE_TYPE, buildPackage, json, pluginSet, push, referrersCapability, run} from './helpers.js'

interface Keys {keyId: string; publicKeyFile: string; privateKeyFile: string}

const setup = useRegistryWorkspace('aigogo-trust-cap-')
let home: string
let alice: Keys
let bob: Keys
let referrers: ReferrersCapability
let trust: PackageTrustCapability
let build: string
let otherBuild: string
let counter = 0
let restoreEnv: (() => void) | undefined

beforeAll(async () => {
  home = join(setup.root, 'home')
  alice = json(await run(['keygen', '--out', join(setup.root, 'alice'), '--no-password', '--json'], {home}))
  bob = json(await run(['keygen', '--out', join(setup.root, 'bob'), '--no-password', '--json'], {home}))
  build = await buildPackage(setup.root, home, 'trusted-one')
  otherBuild = await buildPackage(setup.root, home, 'trusted-two', 'Y = 2\n')
  restoreEnv = setProcessEnv({AIGOGO_HOME: home, DOCKER_CONFIG: join(setup.root, 'docker')})
  referrers = await referrersCapability()
  trust = await capability(pluginSet(['signing']), 'package-trust')
}, 120_000)
afterAll(() => restoreEnv?.())

/** A fresh repository under `namespace`, pushed and signed by `signers`. */
async function pushed(namespace: string, signers: Keys[] = [], from = build): Promise<string> {
  const ref = `${setup.registry.host}/${namespace}/pkg-${++counter}:1.0.0`
  await push(ref, from, home)
  for (const keys of signers) json(await run(['sign', ref, '--key', keys.privateKeyFile, '--json'], {home}))
  return ref
}

/** A policy written with the CLI, in a fresh home or project. */
async function policy(entries: Array<[scope: string, keys: Keys, project?: string]>): Promise<void> {
  for (const [scope, keys, project] of entries) {
    json(await run(['trust', 'add', scope, '--key', keys.publicKeyFile, '--json', ...(project ? ['--project'] : [])], {cwd: project ?? setup.root, home}))
  }
}

async function clearPolicies(...projects: string[]): Promise<void> {
  await writeFile(join(home, 'trust-policy.json'), '{"version": 1, "scopes": {}}\n')
  for (const project of projects) await writeFile(join(project, 'aigogo.trust.json'), '{"version": 1, "scopes": {}}\n')
}

describe('the package-trust capability', () => {
  it('covers nothing and fetches nothing without a policy', async () => {
    const ref = await pushed('free')
    const proxy = await startReferrersProxy(setup.registry.host)
    try {
      const subject = await referrers.resolve(ref.replace(setup.registry.host, proxy.host))
      proxy.seen.splice(0)
      expect(await trust.covers(subject.registry, subject.repository)).toBe(false)
      expect(await trust.enforce(subject, {referrers})).toEqual({})
      expect(proxy.seen).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  it('enforces a user scope: the allowed signer passes, unsigned, untrusted and tampered packages are refused', async () => {
    await policy([[`${setup.registry.host}/team/*`, alice]])
    const file = join(home, 'trust-policy.json')
    const signed = await referrers.resolve(await pushed('team', [alice]))
    expect(await trust.covers(signed.registry, signed.repository)).toBe(true)
    expect(await trust.enforce(signed, {referrers})).toEqual({policyFile: file, scope: `${setup.registry.host}/team/*`, signer: alice.keyId})

    expect(await rejectionCode(trust.enforce(await referrers.resolve(await pushed('team')), {referrers}))).toBe('SIGNATURE_MISSING')
    expect(await rejectionCode(trust.enforce(await referrers.resolve(await pushed('team', [bob])), {referrers}))).toBe('SIGNATURE_UNTRUSTED')
    // Alice's bundle from another package, attached here: it names an allowed key but does not verify.
    // (The same content in another repository has the same manifest, and her signature holds there.)
    const moved = await referrers.resolve(await pushed('team', [], otherBuild))
    const {referrers: listed} = await referrers.list(signed, {artifactType: BUNDLE_TYPE})
    await referrers.attach(moved, {artifactType: BUNDLE_TYPE, payload: await referrers.fetch(signed, listed[0]!), payloadMediaType: BUNDLE_TYPE})
    expect(await rejectionCode(trust.enforce(moved, {referrers}))).toBe('SIGNATURE_INVALID')

    // Outside the scope (one level only), nothing is asked.
    const deeper = await referrers.resolve(await pushed('team/deeper'))
    expect(await trust.covers(deeper.registry, deeper.repository)).toBe(false)
    expect(await trust.enforce(deeper, {referrers})).toEqual({})
    await clearPolicies()
  })

  it('applies the most specific scope alone', async () => {
    await policy([[`${setup.registry.host}/org/**`, bob], [`${setup.registry.host}/org/exact`, alice]])
    const exactRef = `${setup.registry.host}/org/exact:1.0.0`
    await push(exactRef, build, home)
    json(await run(['sign', exactRef, '--key', bob.privateKeyFile, '--json'], {home}))
    const exact = await referrers.resolve(exactRef)
    // Bob is trusted for org/**, but org/exact names alice only.
    expect(await rejectionCode(trust.enforce(exact, {referrers}))).toBe('SIGNATURE_UNTRUSTED')
    const other = await referrers.resolve(await pushed('org/any', [bob]))
    expect((await trust.enforce(other, {referrers})).signer).toBe(bob.keyId)
    await clearPolicies()
  })

  it('enforces the project policy on top of the user policy, and reports the project scope', async () => {
    const project = join(setup.root, 'project')
    await mkdir(project, {recursive: true})
    await writeFile(join(project, 'aigogo.lock'), JSON.stringify({packages: {}, version: 1}))
    await policy([[`${setup.registry.host}/shared/**`, alice], [`${setup.registry.host}/shared/*`, bob, project]])
    const onlyAlice = await referrers.resolve(await pushed('shared', [alice]))
    // Without the project, the user's policy alone: alice suffices.
    expect((await trust.enforce(onlyAlice, {referrers})).signer).toBe(alice.keyId)
    // The project's policy requires bob too: a project file can add requirements, never lift the user's.
    expect(await rejectionCode(trust.enforce(onlyAlice, {projectDir: project, referrers}))).toBe('SIGNATURE_UNTRUSTED')
    const onlyBob = await referrers.resolve(await pushed('shared', [bob]))
    expect(await rejectionCode(trust.enforce(onlyBob, {projectDir: project, referrers}))).toBe('SIGNATURE_UNTRUSTED')
    const both = await referrers.resolve(await pushed('shared', [alice, bob]))
    expect(await trust.enforce(both, {projectDir: project, referrers})).toEqual({policyFile: join(project, 'aigogo.trust.json'), scope: `${setup.registry.host}/shared/*`, signer: bob.keyId})
    await clearPolicies(project)
  })

  it('describes the signatures, marking those a trusted key checks', async () => {
    const subject = await referrers.resolve(await pushed('described', [alice, bob]))
    const unverified = await trust.describe(subject, {referrers})
    expect(unverified.map((s) => s.keyId).sort()).toEqual([alice.keyId, bob.keyId].sort())
    expect(unverified.every((s) => s.verified === undefined)).toBe(true)
    await policy([[`${setup.registry.host}/described/*`, alice]])
    const described = await trust.describe(subject, {referrers})
    expect(described.find((s) => s.keyId === alice.keyId)).toMatchObject({verified: true})
    expect(described.find((s) => s.keyId === bob.keyId)?.verified).toBeUndefined()
    await referrers.attach(subject, {artifactType: BUNDLE_TYPE, payload: new TextEncoder().encode('{"not": "a bundle"}'), payloadMediaType: BUNDLE_TYPE})
    expect((await trust.describe(subject, {referrers})).filter((s) => s.invalid !== undefined)).toEqual([expect.objectContaining({keyId: '', verified: false})])
    await clearPolicies()
  })

  it('signs through the capability (as push --sign does), and refuses calls without the referrers capability', async () => {
    const subject = await referrers.resolve(await pushed('capsign'))
    const signature = await trust.sign(subject, {keyFile: bob.privateKeyFile, referrers})
    expect(signature).toMatchObject({keyId: bob.keyId, verified: true})
    expect(json<{keyId: string}>(await run(['verify', `${subject.registry}/${subject.repository}@${subject.digest}`, '--key', bob.publicKeyFile, '--json'], {home})).keyId).toBe(bob.keyId)
    expect(await rejectionCode(trust.sign(subject, {keyFile: bob.privateKeyFile}))).toBe('CAPABILITY_MISSING')
    await policy([[`${setup.registry.host}/capsign/*`, bob]])
    expect(await rejectionCode(trust.enforce(subject))).toBe('CAPABILITY_MISSING')
    await clearPolicies()
  })

  it('refuses to decide on a damaged policy file instead of skipping it', async () => {
    const subject = await referrers.resolve(await pushed('damaged', [alice]))
    await writeFile(join(home, 'trust-policy.json'), '{"version": 1, "scopes": {"x": 1}}')
    expect(await rejectionCode(trust.covers(subject.registry, subject.repository))).toBe('TRUST_POLICY_INVALID')
    expect(await rejectionCode(trust.enforce(subject, {referrers}))).toBe('TRUST_POLICY_INVALID')
    await clearPolicies()
  })
})
