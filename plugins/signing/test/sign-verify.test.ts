/**
 * aigogo sign / verify against the real docker-registry: Sigstore bundles attached as OCI
 * referrers (the tag-schema fallback there, the referrers API through the stand-in), checked by
 * key; wrong keys, tampered and malformed bundles, two signers, and passphrases.
 */
import {createHash, createPrivateKey, createPublicKey, sign as cryptoSign, verify as cryptoVerify} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ReferrersCapability, ReferrerSubject} from '@aigogo/sdk/core'
import {bundleToJSON, toMessageSignatureBundle} from '@sigstore/bundle'

import {startReferrersProxy} from '../../../test/helpers/referrers-proxy.js'
import {useRegistryWorkspace} from '../../../test/helpers/registry-per-file.js'
import {setProcessEnv} from '../../../test/helpers/process-env.js'
import {BUNDLE_TYPE, buildPackage, json, jsonError, push, referrersCapability, run, runOnTerminal} from './helpers.js'

const PASSWORD = 'pw-do-not-print-7f3a91'
interface Keys {keyId: string; publicKeyFile: string; privateKeyFile: string}
interface Signed {keyId: string; referrer: string; digest: string; existing: boolean}
interface Verified {keyId: string; referrer: string; digest: string; signatures: number}

const setup = useRegistryWorkspace('aigogo-sign-')
let home: string
let alice: Keys
let bob: Keys
let referrers: ReferrersCapability
let builds: string[]
let counter = 0
let restoreEnv: (() => void) | undefined

beforeAll(async () => {
  home = join(setup.root, 'home')
  alice = json(await run(['keygen', '--out', join(setup.root, 'alice'), '--json'], {env: {AIGOGO_KEY_PASSWORD: PASSWORD}, home}))
  bob = json(await run(['keygen', '--out', join(setup.root, 'bob'), '--no-password', '--json'], {home}))
  builds = [await buildPackage(setup.root, home, 'sig-one', 'A = 1\n'), await buildPackage(setup.root, home, 'sig-two', 'B = 2\n')]
  // In-process capability calls read credentials and caches from the environment: keep them private.
  restoreEnv = setProcessEnv({AIGOGO_HOME: home, DOCKER_CONFIG: join(setup.root, 'docker')})
  referrers = await referrersCapability()
}, 120_000)
afterAll(() => restoreEnv?.())

/** A fresh repository with one package pushed: its ref and digest. */
async function pushed(build = builds[0]!): Promise<{ref: string; digest: string}> {
  const ref = `${setup.registry.host}/team/pkg-${++counter}:1.0.0`
  return {digest: await push(ref, build, home), ref}
}

const withPassword = {env: {AIGOGO_KEY_PASSWORD: PASSWORD}, home: '' as string}
const sign = (ref: string, keys: Keys) => run(['sign', ref, '--key', keys.privateKeyFile, '--json'], {...withPassword, home})
const verify = (ref: string, keys: Keys) => run(['verify', ref, '--key', keys.publicKeyFile, '--json'], {home})

async function bundlesOf(subject: ReferrerSubject): Promise<Array<Record<string, any>>> {
  const {referrers: listed} = await referrers.list(subject, {artifactType: BUNDLE_TYPE})
  return Promise.all(listed.map(async (r) => JSON.parse(new TextDecoder().decode(await referrers.fetch(subject, r))) as Record<string, any>))
}

const attach = (subject: ReferrerSubject, bundle: unknown) =>
  referrers.attach(subject, {artifactType: BUNDLE_TYPE, payload: new TextEncoder().encode(typeof bundle === 'string' ? bundle : JSON.stringify(bundle)), payloadMediaType: BUNDLE_TYPE})

describe('aigogo sign and verify', () => {
  it('signs a package (a v0.3 bundle over the manifest, attached as a referrer) and verifies it with the public key', async () => {
    const {ref, digest} = await pushed()
    const signed = json<Signed>(await sign(ref, alice))
    expect(signed).toMatchObject({digest, existing: false, keyId: alice.keyId})
    const verified = json<Verified>(await verify(ref, alice))
    expect(verified).toEqual({digest, keyId: alice.keyId, ref, referrer: signed.referrer, signatures: 1})
    expect((await run(['verify', ref, '--key', alice.publicKeyFile], {home})).stdout).toContain(`signed by ${alice.keyId}`)

    // Independently of aigogo: skopeo sees the referrers index under the sha256-<hex> tag, and node's
    // crypto checks the bundle's signature over the manifest bytes with the public key.
    const {stdout} = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref.replace(':1.0.0', ':' + digest.replace(':', '-'))}`])
    expect((JSON.parse(stdout) as {manifests: Array<{artifactType: string; digest: string}>}).manifests).toEqual([expect.objectContaining({artifactType: BUNDLE_TYPE, digest: signed.referrer})])
    const subject = await referrers.resolve(ref)
    const [bundle] = await bundlesOf(subject)
    expect(bundle!.mediaType).toBe(BUNDLE_TYPE)
    expect(bundle!.verificationMaterial.publicKey.hint).toBe(alice.keyId)
    expect(bundle!.messageSignature.messageDigest).toEqual({algorithm: 'SHA2_256', digest: createHash('sha256').update(subject.manifestBytes).digest('base64')})
    const publicKey = createPublicKey(await readFile(alice.publicKeyFile, 'utf8'))
    expect(cryptoVerify('sha256', subject.manifestBytes, publicKey, Buffer.from(bundle!.messageSignature.signature, 'base64'))).toBe(true)
  })

  it('signing again with the same key pushes nothing', async () => {
    const {ref} = await pushed()
    const first = json<Signed>(await sign(ref, alice))
    const again = json<Signed>(await sign(ref, alice))
    expect(again).toMatchObject({existing: true, keyId: alice.keyId, referrer: first.referrer})
    expect((await referrers.list(await referrers.resolve(ref))).referrers).toHaveLength(1)
  })

  it('refuses with SIGNATURE_MISSING an unsigned package, and a package whose tag now points at other content', async () => {
    const {ref} = await pushed()
    const result = await verify(ref, alice)
    expect(result.exitCode).toBe(3)
    expect(jsonError(result).code).toBe('SIGNATURE_MISSING')

    const signed = await pushed()
    json(await sign(signed.ref, alice))
    await push(signed.ref, builds[1]!, home)
    expect(jsonError(await verify(signed.ref, alice)).code).toBe('SIGNATURE_MISSING')
  })

  it('refuses with SIGNATURE_UNTRUSTED a package signed by another key', async () => {
    const {ref} = await pushed()
    json(await sign(ref, bob))
    const result = await verify(ref, alice)
    expect(result.exitCode).toBe(3)
    const error = jsonError(result)
    expect(error.code).toBe('SIGNATURE_UNTRUSTED')
    expect(error.message).toContain(bob.keyId)
  })

  it('refuses with SIGNATURE_INVALID a bundle moved from another package, a forged signature, and a malformed bundle', async () => {
    // A valid signature of package one, attached to package two.
    const one = await pushed(builds[0])
    json(await sign(one.ref, alice))
    const [moved] = await bundlesOf(await referrers.resolve(one.ref))
    const two = await pushed(builds[1])
    await attach(await referrers.resolve(two.ref), moved)
    let error = jsonError(await verify(two.ref, alice))
    expect(error.code).toBe('SIGNATURE_INVALID')
    expect(error.message).toContain('signs another manifest')

    // The right digest and alice's hint, but a signature over other bytes.
    const three = await pushed()
    const subject = await referrers.resolve(three.ref)
    const key = createPrivateKey({key: await readFile(alice.privateKeyFile, 'utf8'), passphrase: PASSWORD})
    const forged = bundleToJSON(toMessageSignatureBundle({
      digest: createHash('sha256').update(subject.manifestBytes).digest(),
      keyHint: alice.keyId,
      signature: cryptoSign('sha256', Buffer.from('something else'), key),
    }))
    await attach(subject, forged)
    error = jsonError(await verify(three.ref, alice))
    expect(error.code).toBe('SIGNATURE_INVALID')
    expect(error.message).toContain('does not verify')
    // A valid signature by another key next to it does not make alice's forged one count.
    json(await sign(three.ref, bob))
    expect(jsonError(await verify(three.ref, alice)).code).toBe('SIGNATURE_INVALID')
    expect(json<Verified>(await verify(three.ref, bob)).signatures).toBe(2)

    // Bundles that are not bundles: reported, never a crash.
    for (const junk of ['{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json"', JSON.stringify({...forged, mediaType: 'text/plain'}), JSON.stringify([1, 2]), '\u0000\u00ff'.repeat(10)]) {
      const four = await pushed()
      await attach(await referrers.resolve(four.ref), junk)
      const result = await verify(four.ref, alice)
      expect(result.exitCode, junk).toBe(3)
      expect(jsonError(result).code, junk).toBe('SIGNATURE_INVALID')
    }
  })

  it('lists two signatures on one package and verifies with either key', async () => {
    const {ref} = await pushed()
    const a = json<Signed>(await sign(ref, alice))
    const b = json<Signed>(await sign(ref, bob))
    expect(a.referrer).not.toBe(b.referrer)
    const subject = await referrers.resolve(ref)
    expect((await bundlesOf(subject)).map((bundle) => bundle.verificationMaterial.publicKey.hint).sort()).toEqual([alice.keyId, bob.keyId].sort())
    expect(json<Verified>(await verify(ref, alice))).toMatchObject({keyId: alice.keyId, referrer: a.referrer, signatures: 2})
    expect(json<Verified>(await verify(ref, bob))).toMatchObject({keyId: bob.keyId, referrer: b.referrer, signatures: 2})
  })

  it('takes the passphrase from AIGOGO_KEY_PASSWORD or a terminal prompt, never prints it, and signs nothing without the right one', async () => {
    const {ref} = await pushed()
    const missing = await run(['sign', ref, '--key', alice.privateKeyFile, '--json'], {home})
    expect(missing.exitCode).toBe(2)
    expect(jsonError(missing).code).toBe('KEY_PASSWORD_REQUIRED')
    const wrong = await run(['sign', ref, '--key', alice.privateKeyFile, '--json'], {env: {AIGOGO_KEY_PASSWORD: `${PASSWORD}-wrong`}, home})
    expect(wrong.exitCode).toBe(1)
    expect(jsonError(wrong).code).toBe('KEY_PASSWORD_WRONG')
    expect((await referrers.list(await referrers.resolve(ref))).referrers).toEqual([])
    const good = await run(['sign', ref, '--key', alice.privateKeyFile], {env: {AIGOGO_KEY_PASSWORD: PASSWORD}, home})
    expect(good.exitCode).toBe(0)
    for (const result of [missing, wrong, good]) expect(result.stdout + result.stderr).not.toContain(PASSWORD)
    // On a terminal, without the variable, it asks (no echo).
    const other = await pushed()
    const typed = await runOnTerminal(['sign', other.ref, '--key', alice.privateKeyFile], [[`Passphrase for ${alice.privateKeyFile}: `, PASSWORD]], {home})
    expect(typed.exitCode, typed.screen).toBe(0)
    expect(typed.screen).toContain(`with ${alice.keyId}`)
    expect(typed.screen).not.toContain(PASSWORD)
    // A public key cannot sign, and a private key cannot verify.
    expect(jsonError(await run(['sign', ref, '--key', alice.publicKeyFile, '--json'], {home})).code).toBe('KEY_INVALID')
    expect(jsonError(await run(['verify', ref, '--key', alice.privateKeyFile, '--json'], {home})).code).toBe('KEY_INVALID')
  })

  it('finds signatures through the referrers API where the registry offers it', async () => {
    const {ref} = await pushed()
    const proxy = await startReferrersProxy(setup.registry.host)
    try {
      const viaApi = ref.replace(setup.registry.host, proxy.host)
      const signed = json<Signed>(await sign(viaApi, alice))
      proxy.seen.splice(0)
      expect(json<Verified>(await verify(viaApi, alice))).toMatchObject({keyId: alice.keyId, referrer: signed.referrer})
      expect(proxy.seen.some((s) => s.path.includes('/referrers/'))).toBe(true)
      // The API answered: the fallback tag was neither read nor written (a HEAD beside the API only asks whether it exists).
      expect(proxy.seen.filter((s) => s.path.includes('/manifests/sha256-') && s.method !== 'HEAD')).toEqual([])
      expect(jsonError(await verify(viaApi, bob)).code).toBe('SIGNATURE_UNTRUSTED')
    } finally {
      await proxy.stop()
    }
  })
})
