/**
 * The SDK's capability loader imports a provider's bundled twin (`<module>.bundle.cjs`, written by
 * scripts/bundle-start.mjs) only when it is not older than the builds it was made from, the
 * dispatcher's rule for runners (src/sdk/bundled-twin.ts): a `tsc -b` after `npm run build` must
 * never run stale code. Real plugin directories and modules; the twin and the module tsc "wrote"
 * say which one was imported.
 */
import {mkdir, readFile, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {AigogoError, type PluginSource, capability, findLanguage} from '@aigogo/sdk/core'
import {REPO_ROOT, aigogo, tempDir} from './helpers/cli.js'

let work: {path: string; cleanup: () => Promise<void>}
let kernel: PluginSource & {origin: 'kernel'}
beforeEach(async () => {
  work = await tempDir('aigogo-capability-twin-')
  kernel = {name: 'aigogo', origin: 'kernel', pjson: {}, root: join(work.path, 'kernel')}
})
afterEach(async () => work.cleanup())

async function at(file: string, seconds: number, text = ''): Promise<void> {
  await mkdir(join(file, '..'), {recursive: true})
  await writeFile(file, text)
  await utimes(file, seconds, seconds)
}

/**
 * A plugin (its own directory: the loader caches a module per file) whose "manifest" and
 * "language:zig" modules and their twins each export where they came from.
 */
async function plugin(name: string, times: {module?: number; twin?: number; built?: number}, twinSource?: string): Promise<PluginSource> {
  const root = join(work.path, name)
  const capabilities = {'language:zig': './dist/languages/zig.js', manifest: './dist/capabilities/manifest.js'}
  for (const [key, path] of Object.entries(capabilities)) {
    const value = (from: string) => (key === 'manifest' ? `{from: '${from}'}` : `{name: 'zig', defaultVersion: '${from}'}`)
    await at(join(root, path), times.module ?? 1000, `export default ${value('tsc')}\n`)
    // A twin is CommonJS, as scripts/bundle-start.mjs writes it: its default export is a property.
    if (times.twin !== undefined) await at(join(root, path.replace(/\.js$/, '.bundle.cjs')), times.twin, twinSource ?? `module.exports = {default: ${value('twin')}}\n`)
  }
  if (times.built !== undefined) await at(join(root, 'tsconfig.tsbuildinfo'), times.built)
  return {name, pjson: {aigogo: {capabilities, name}}, root}
}

async function from(set: readonly PluginSource[]): Promise<string> {
  return ((await capability(set, 'manifest')) as unknown as {from: string}).from
}

describe('capability twins', () => {
  it('imports the twin when no build is newer than it (capabilities and language facets alike), and the module tsc wrote once the plugin or the SDK was rebuilt after it', async () => {
    const sdkBuild = join(kernel.root, 'src', 'sdk', 'dist', 'tsconfig.tsbuildinfo')
    await at(sdkBuild, 1500)
    const fresh = [kernel, await plugin('fresh', {built: 1500, twin: 2000})]
    expect(await from(fresh)).toBe('twin')
    expect((await findLanguage(fresh, 'zig'))?.defaultVersion).toBe('twin')
    const pluginRebuilt = [kernel, await plugin('plugin-rebuilt', {built: 3000, twin: 2000})]
    expect(await from(pluginRebuilt)).toBe('tsc')
    expect((await findLanguage(pluginRebuilt, 'zig'))?.defaultVersion).toBe('tsc')
    await at(sdkBuild, 3000)
    expect(await from([kernel, await plugin('sdk-rebuilt', {built: 1500, twin: 2000})])).toBe('tsc')
  })

  it('imports the twin of an installed plugin (no tsbuildinfo shipped), with an oclif-like config too, and never when the set does not say where the kernel and its SDK build are', async () => {
    expect(await from([kernel, await plugin('installed', {twin: 2000})])).toBe('twin')
    const config = {plugins: new Map([['installed-2', await plugin('installed-2', {twin: 2000})]]), root: kernel.root}
    expect(((await capability(config, 'manifest')) as unknown as {from: string}).from).toBe('twin')
    expect(await from([await plugin('no-kernel', {twin: 2000})])).toBe('tsc')
  })

  it('falls back to the module tsc wrote when the twin cannot be loaded, and names the module when neither can', async () => {
    expect(await from([kernel, await plugin('good-twin', {twin: 2000})])).toBe('twin')
    expect(await from([kernel, await plugin('broken-twin', {twin: 2000}, 'throw new Error("bad twin")\n')])).toBe('tsc')
    const both = await plugin('both-broken', {twin: 2000}, 'throw new Error("bad twin")\n')
    await writeFile(join(both.root, 'dist', 'capabilities', 'manifest.js'), 'throw new Error("bad module")\n')
    const error = await capability([kernel, both], 'manifest').catch((caught: unknown) => caught)
    expect(AigogoError.is(error) && error.code).toBe('CAPABILITY_BROKEN')
    expect((error as AigogoError).message).toContain('bad module')
    expect((error as AigogoError).hints.join('\n')).toContain(join(both.root, 'dist', 'capabilities', 'manifest.js'))
  })
})

describe('capability twins in the built CLI', () => {
  it('scan imports its capabilities as twins, and no SDK module of its own', async () => {
    const dir = join(work.path, 'pkg')
    await mkdir(join(dir, 'src'), {recursive: true})
    await writeFile(join(dir, 'aigogo.json'), JSON.stringify({files: {include: 'auto'}, language: {name: 'javascript', version: '>=20'}, name: 'twin-scan', version: '1.0.0'}))
    await writeFile(join(dir, 'src', 'a.ts'), "import express from 'express'\nexport default express\n")
    const out = join(work.path, 'modules.txt')
    const spy = {MODULE_SPY_OUT: out, NODE_OPTIONS: `--import ${join(REPO_ROOT, 'test', 'fixtures', 'module-spy.mjs')}`}
    const result = await aigogo(['scan', '--json'], {cwd: dir, env: spy, home: join(work.path, 'home')})
    expect(result.exitCode).toBe(0)
    expect((JSON.parse(result.stdout) as {packages: Array<{package: string}>}).packages.map((p) => p.package)).toEqual(['express'])
    const loaded = (await readFile(out, 'utf8')).split('\n').filter((url) => url.startsWith('file:')).map((url) => url.slice(`file://${REPO_ROOT}/`.length))
    for (const twin of ['plugins/store/dist/capabilities/manifest.bundle.cjs', 'plugins/store/dist/capabilities/package-files.bundle.cjs', 'plugins/depgen/dist/languages/javascript.bundle.cjs']) {
      expect(loaded).toContain(twin)
    }
    expect(loaded.filter((file) => file.startsWith('src/sdk/') || file.includes('/dist/capabilities/') && !file.endsWith('.bundle.cjs'))).toEqual([])
  })
})
