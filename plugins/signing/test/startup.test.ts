/**
 * sigstore-js is loaded only to make or check a signature: not on other commands, not by the
 * capability's cheap calls. A probe preloaded into the CLI process counts the @sigstore modules
 * it loaded; a positive control shows the probe sees them when they are loaded.
 */
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {assertCapabilities} from '@aigogo/sdk/testkit'

import {json, REPO_ROOT, run, tempDir} from './helpers.js'

const PLUGIN = join(REPO_ROOT, 'plugins', 'signing')
let work: {path: string; cleanup: () => Promise<void>}
let probe: string

beforeAll(async () => {
  work = await tempDir('aigogo-signing-startup-')
  probe = join(work.path, 'probe.cjs')
  await writeFile(probe, `process.on('exit', () => require('node:fs').writeFileSync(process.env.PROBE_OUT, String(Object.keys(require.cache).filter((k) => k.includes('@sigstore')).length)))\n`)
})
afterAll(async () => work?.cleanup())

async function sigstoreModulesLoadedBy(args: string[], cwd = work.path): Promise<number> {
  const out = join(work.path, `probe-${args.join('-').replace(/[^a-z]/g, '')}.txt`)
  await run(args, {cwd, env: {NODE_OPTIONS: `--require ${probe}`, PROBE_OUT: out}, home: join(work.path, 'home')})
  return Number(await readFile(out, 'utf8'))
}

describe('start-up cost of the signing plugin', () => {
  it('declares the package-trust capability in the shape of its contract', async () => {
    await assertCapabilities(PLUGIN, ['package-trust'])
  })

  it('loads no sigstore module for keygen, trust and other commands', async () => {
    const keys = json<{publicKeyFile: string}>(await run(['keygen', '--out', join(work.path, 'k'), '--no-password', '--json'], {home: join(work.path, 'home')}))
    for (const args of [['version'], ['keygen', '--out', join(work.path, 'k2'), '--no-password'], ['trust', 'add', 'ghcr.io/acme/*', '--key', keys.publicKeyFile], ['trust', 'list'], ['verify', '--help']]) {
      expect(await sigstoreModulesLoadedBy(args), args.join(' ')).toBe(0)
    }
  })

  it('loads none when the capability finds no scope for a package, and the probe does see them when they load', async () => {
    const script = `
      const trust = (await import(${JSON.stringify(join(PLUGIN, 'dist', 'capabilities', 'package-trust.js'))})).default
      const subject = {registry: 'example.com', repository: 'other/pkg', digest: 'sha256:' + '0'.repeat(64), mediaType: 'x', size: 0, manifestBytes: new Uint8Array()}
      if (await trust.covers('example.com', 'other/pkg')) throw new Error('covered')
      if (Object.keys(await trust.enforce(subject)).length > 0) throw new Error('decided')
      if (process.env.LOAD === '1') await (await import(${JSON.stringify(join(PLUGIN, 'dist', 'bundle', 'sigstore.js'))})).sigstoreVerify()
    `
    const count = async (load: string): Promise<number> => {
      const out = join(work.path, `probe-capability-${load}.txt`)
      await execa(process.execPath, ['--require', probe, '--input-type=module', '-e', script], {env: {AIGOGO_HOME: join(work.path, 'home'), LOAD: load, PROBE_OUT: out}})
      return Number(await readFile(out, 'utf8'))
    }
    expect(await count('0')).toBe(0)
    expect(await count('1')).toBeGreaterThan(0)
  })
})
