/**
 * What a command loads before it can answer, checked by module and not by time (docs/PERFORMANCE.md,
 * "Start-up"): node's streams and node:crypto cost 4 to 10 ms each of a command that prints a
 * line, and TLS (OpenSSL's default context) 10 to 20 ms of one that asks a plain registry on this
 * machine. The start-up path is CommonJS (bin/run.js, dist/start.cjs, the *.bundle.cjs twins): node's
 * ESM loader, which the first import() starts, is 7-10 ms more on node 20. Node 22+ loads the ESM
 * loader's modules at every start, so an ES module is seen in what NODE_DEBUG=esm prints (a line
 * per module, on any node) rather than in the module list. A change that loads one of them again
 * fails here instead of going unnoticed in a bench.
 */
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {aigogo} from '../../../test/helpers/cli.js'
import {ok, useBuiltPackage} from './fixtures.js'

const setup = useBuiltPackage('light')
let preload = ''

beforeAll(async () => {
  preload = join(setup.root, 'loaded.cjs')
  // Node's own list of the built-in modules it loaded, then the files required, written when the command ends.
  await writeFile(preload, "process.on('exit', () => require('fs').writeFileSync(process.env.LOADED_LIST, [...process.moduleLoadList, ...Object.keys(require.cache).map((f) => 'File ' + f)].join('\\n')))\n")
})

/** Runs the command with the preload; returns its result, the built-in modules it loaded and whether it loaded an ES module. */
async function loading(args: string[], cwd?: string): Promise<{esm: boolean; files: string[]; modules: Set<string>; stdout: string}> {
  const list = join(setup.root, `loaded-${args.join('-').replace(/[^a-z0-9]+/gi, '_')}.txt`)
  const result = ok(await aigogo(args, {cwd, env: {LOADED_LIST: list, NODE_DEBUG: 'esm', NODE_OPTIONS: `--require ${preload}`}, home: setup.pkg.home}))
  const lines = (await readFile(list, 'utf8')).split('\n')
  const modules = new Set(lines.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length)))
  const files = lines.filter((m) => m.startsWith('File ')).map((m) => m.slice('File '.length))
  return {esm: /^ESM \d+: /m.test(result.stderr), files, modules, stdout: result.stdout}
}

describe('what a command loads', () => {
  it('answers --version, version, help, list and plugins list without node streams or node:crypto', async () => {
    // Help is rendered by oclif once per plugin set, then kept: the second help is the one measured.
    ok(await aigogo(['--help'], {home: setup.pkg.home}))
    for (const args of [['--version'], ['version'], ['--help'], ['list'], ['plugins', 'list']]) {
      const {esm, modules, stdout} = await loading(args)
      expect(stdout.length, args.join(' ')).toBeGreaterThan(0)
      expect([...modules].filter((m) => m === 'stream' || m === 'crypto' || m === 'net' || m === 'v8'), args.join(' ')).toEqual([])
      expect(esm, args.join(' ')).toBe(false)
      // node:fs/promises (1-1.5 ms, with readline) and the thread pool: not for reading a few small files.
      expect(modules.has('fs/promises'), args.join(' ')).toBe(false)
    }
  })

  it('pushes, pulls and asks a plain registry on this machine without ESM modules or TLS, and prints what it found', async () => {
    const ref = `${setup.registry.host}/team/light:1.0.0`
    // push and pull are answered by their fast paths, loaded as twins like runners.
    for (const args of [['push', ref, '--from', setup.pkg.build], ['pull', ref]]) {
      const {esm} = await loading(args)
      expect(esm, args[0]).toBe(false)
    }
    // The first info keeps the config blob (search/config-cache.ts); the one measured reads it back.
    ok(await aigogo(['info', ref], {home: setup.pkg.home}))
    const {esm, files, modules, stdout} = await loading(['info', ref, '--json'])
    expect(JSON.parse(stdout)).toMatchObject({package: {name: 'light'}, ref, signatures: []})
    // Nothing refers to the package, so it has no signatures: the trust provider is not loaded.
    expect(files.some((f) => f.includes('/plugins/registry/'))).toBe(true)
    expect(files.filter((f) => f.includes('/plugins/signing/'))).toEqual([])
    expect([...modules].filter((m) => m === 'tls' || m === 'https' || m === 'v8')).toEqual([])
    // The manifest and the config are hashed by the SDK (src/sdk/sha256.ts), the cached config and
    // the trust policy read synchronously: info loads neither node:crypto nor node:fs/promises.
    expect([...modules].filter((m) => m === 'crypto' || m === 'fs/promises')).toEqual([])
    expect(esm).toBe(false)

    // What it kept answers --offline without the HTTP client, or any network or stream module.
    const offline = await loading(['info', ref, '--offline', '--json'])
    expect(JSON.parse(offline.stdout)).toMatchObject({offline: true, package: {name: 'light'}, ref})
    expect([...offline.modules].filter((m) => ['crypto', 'fs/promises', 'http', 'net', 'stream', 'tls'].includes(m))).toEqual([])
    expect(offline.esm).toBe(false)
  })
})
