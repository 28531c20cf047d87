/** aigogo keygen: the two files, their modes, encryption, and what it refuses. */
import {createHash, createPrivateKey, createPublicKey, generateKeyPairSync} from 'node:crypto'
import {readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {jsonError, json, run, runOnTerminal, tempDir} from './helpers.js'

const PASSWORD = 'correct horse battery staple 42'
let work: {path: string; cleanup: () => Promise<void>}
let home: string

beforeEach(async () => {
  work = await tempDir('aigogo-keygen-')
  home = join(work.path, 'home')
})
afterEach(async () => work.cleanup())

interface Generated {privateKeyFile: string; publicKeyFile: string; keyId: string; encrypted: boolean}

describe('aigogo keygen', () => {
  it('writes <prefix>.key (PKCS#8, 0600) and <prefix>.pub, and prints the key id of the public key', async () => {
    const out = json<Generated>(await run(['keygen', '--out', join(work.path, 'keys', 'release'), '--no-password', '--json'], {cwd: work.path, home}))
    expect(out).toMatchObject({encrypted: false, privateKeyFile: join(work.path, 'keys', 'release.key'), publicKeyFile: join(work.path, 'keys', 'release.pub')})
    expect((await stat(out.privateKeyFile)).mode & 0o777).toBe(0o600)
    const privatePem = await readFile(out.privateKeyFile, 'utf8')
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/)
    const key = createPrivateKey(privatePem)
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    const publicKey = createPublicKey(await readFile(out.publicKeyFile, 'utf8'))
    expect(createPublicKey(key).export({format: 'der', type: 'spki'})).toEqual(publicKey.export({format: 'der', type: 'spki'}))
    expect(out.keyId).toBe(`sha256:${createHash('sha256').update(publicKey.export({format: 'der', type: 'spki'})).digest('hex')}`)
    // Nothing staged is left beside the keys.
    expect((await readdir(join(work.path, 'keys'))).sort()).toEqual(['release.key', 'release.pub'])
  })

  it('encrypts the private key with AIGOGO_KEY_PASSWORD and never prints the passphrase', async () => {
    const result = await run(['keygen', '--out', join(work.path, 'ci')], {env: {AIGOGO_KEY_PASSWORD: PASSWORD}, home})
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('encrypted')
    expect(result.stdout + result.stderr).not.toContain(PASSWORD)
    const pem = await readFile(join(work.path, 'ci.key'), 'utf8')
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/)
    expect(() => createPrivateKey(pem)).toThrow()
    expect(() => createPrivateKey({key: pem, passphrase: 'wrong'})).toThrow()
    expect(createPrivateKey({key: pem, passphrase: PASSWORD}).asymmetricKeyType).toBe('ec')
  })

  it('asks for the passphrase twice on a terminal, without echo, and encrypts with it', async () => {
    const answers: Array<[string, string]> = [['Passphrase for the private key (empty for none): ', PASSWORD], ['The same passphrase again: ', PASSWORD]]
    const {exitCode, screen} = await runOnTerminal(['keygen', '--out', join(work.path, 'typed')], answers, {home})
    expect(exitCode, screen).toBe(0)
    expect(screen).toContain('The same passphrase again')
    expect(screen).not.toContain(PASSWORD)
    const pem = await readFile(join(work.path, 'typed.key'), 'utf8')
    expect(createPrivateKey({key: pem, passphrase: PASSWORD}).asymmetricKeyType).toBe('ec')

    const mismatch = await runOnTerminal(['keygen', '--out', join(work.path, 'typo')], [answers[0]!, [answers[1]![0], `${PASSWORD}x`]], {home})
    expect(mismatch.exitCode).toBe(1)
    expect(mismatch.screen).toContain('KEY_PASSWORD_MISMATCH')
    expect(mismatch.screen).not.toContain(PASSWORD)
    expect((await readdir(work.path)).filter((f) => f.startsWith('typo'))).toEqual([])

    // An empty answer is a deliberate "no passphrase".
    expect((await runOnTerminal(['keygen', '--out', join(work.path, 'plain')], [[answers[0]![0], '']], {home})).exitCode).toBe(0)
    expect(await readFile(join(work.path, 'plain.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/)
  })

  it('refuses to run off a terminal without a passphrase or --no-password, and writes nothing', async () => {
    const result = await run(['keygen', '--out', join(work.path, 'k'), '--json'], {home})
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('KEY_PASSWORD_REQUIRED')
    expect(await readdir(work.path)).toEqual([])
  })

  it('refuses --no-password together with AIGOGO_KEY_PASSWORD', async () => {
    const result = await run(['keygen', '--out', join(work.path, 'k'), '--no-password', '--json'], {env: {AIGOGO_KEY_PASSWORD: PASSWORD}, home})
    expect(jsonError(result).code).toBe('KEYGEN_FLAGS_CONFLICT')
    expect(result.stdout + result.stderr).not.toContain(PASSWORD)
    expect(await readdir(work.path)).toEqual([])
  })

  it('never overwrites: an existing .key or .pub stops it and stays as it was', async () => {
    await writeFile(join(work.path, 'mine.pub'), 'my own file\n')
    const result = await run(['keygen', '--out', join(work.path, 'mine'), '--no-password', '--json'], {home})
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('KEY_EXISTS')
    expect(await readFile(join(work.path, 'mine.pub'), 'utf8')).toBe('my own file\n')
    expect((await readdir(work.path)).sort()).toEqual(['mine.pub'])

    json(await run(['keygen', '--out', join(work.path, 'twice'), '--no-password', '--json'], {home}))
    const before = await readFile(join(work.path, 'twice.key'), 'utf8')
    expect(jsonError(await run(['keygen', '--out', join(work.path, 'twice'), '--no-password', '--json'], {home})).code).toBe('KEY_EXISTS')
    expect(await readFile(join(work.path, 'twice.key'), 'utf8')).toBe(before)
  })

  it('refuses a prefix that names a directory', async () => {
    const result = await run(['keygen', '--out', `${work.path}/`, '--no-password', '--json'], {home})
    expect(jsonError(result).code).toBe('KEY_OUT_INVALID')
    expect(await readdir(work.path)).toEqual([])
  })

  it('lets sign refuse a key it cannot use before it contacts any registry', async () => {
    const rsa = generateKeyPairSync('rsa', {modulusLength: 2048}).privateKey.export({format: 'pem', type: 'pkcs8'}).toString()
    const p384 = generateKeyPairSync('ec', {namedCurve: 'secp384r1'}).privateKey.export({format: 'pem', type: 'pkcs8'}).toString()
    const files: Record<string, [string, string]> = {
      'cosign.key': ['-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nabc\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n', 'KEY_UNSUPPORTED'],
      'garbage.key': ['hello\n', 'KEY_INVALID'],
      'p384.key': [p384, 'KEY_UNSUPPORTED'],
      'rsa.key': [rsa, 'KEY_UNSUPPORTED'],
    }
    for (const [name, [text, code]] of Object.entries(files)) {
      await writeFile(join(work.path, name), text)
      // Port 1 answers nothing: reaching it would be REGISTRY_UNREACHABLE, not a key error.
      const result = await run(['sign', '127.0.0.1:1/team/pkg:1.0.0', '--key', join(work.path, name), '--json'], {home})
      expect(jsonError(result).code, name).toBe(code)
    }
    expect(jsonError(await run(['sign', '127.0.0.1:1/team/pkg:1.0.0', '--key', join(work.path, 'absent.key'), '--json'], {home})).code).toBe('KEY_NOT_FOUND')
  })
})
