/**
 * The SDK's language lookup (src/sdk/languages.ts) over real plugin directories and modules:
 * names from package.json alone, facets merged in load order, broken providers named.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {type PluginSource, allLanguages, findLanguage, languageExtensions, languageNames, languageScanners, languageSupport} from '@aigogo/sdk/core'
import {tempDir} from './helpers/cli.js'

let work: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  work = await tempDir('aigogo-sdk-languages-')
})
afterEach(async () => work.cleanup())

/** A plugin directory whose "language:<name>" keys point at the given module sources. */
async function plugin(name: string, modules: Record<string, string>): Promise<PluginSource> {
  const root = join(work.path, name)
  await mkdir(root, {recursive: true})
  const capabilities: Record<string, string> = {}
  for (const [key, source] of Object.entries(modules)) {
    const file = `./${key.replace(/[^a-z0-9]/gi, '_')}.mjs`
    await writeFile(join(root, file), source)
    capabilities[key] = file
  }
  return {name, pjson: {aigogo: {capabilities, name}}, root}
}

describe('languages', () => {
  it('lists names from package.json without importing any module, ignoring keys that are not language names', async () => {
    const set = [
      await plugin('a', {'language:zig': 'throw new Error("imported")', 'language:Bad Name': 'throw new Error("imported")', manifest: 'export default {}'}),
      await plugin('b', {'language:odin': 'throw new Error("imported")', 'language:zig': 'throw new Error("imported")'}),
    ]
    expect(languageNames(set)).toEqual(['odin', 'zig'])
  })

  it('merges the facets of every provider in load order, the first of each winning', async () => {
    const set = [
      await plugin('first', {'language:zig': 'export default {name: "zig", extensions: [".zig"], defaultVersion: ">=0.13"}'}),
      await plugin('second', {
        'language:zig': `export default {name: "zig", extensions: [".zon"], defaultVersion: "1",
          scan: async ({files}) => files.map((file) => ({module: "m", package: "p", file, line: 1})),
          dependencyFormats: {zon: () => "zon", text: () => "never used by show-deps"},
          wiring: {install: async () => ({details: {by: "second"}})}}`,
      }),
      await plugin('third', {'language:zig': 'export default {name: "zig", dependencyFormats: {zon: () => "third", ini: () => "ini"}, wiring: {install: async () => ({})}}'}),
    ]
    const zig = await languageSupport(set, 'zig')
    expect(zig).toMatchObject({defaultVersion: '>=0.13', extensions: ['.zig'], name: 'zig', plugins: ['first', 'second', 'third'], wiringPlugin: 'second'})
    expect(Object.keys(zig.dependencyFormats).sort()).toEqual(['ini', 'text', 'zon'])
    expect(zig.dependencyFormats.zon?.({} as never)).toBe('zon')
    expect(await zig.wiring?.install({} as never)).toEqual({details: {by: 'second'}})
    const [scanner] = await languageScanners(set, ['zig'])
    expect(scanner?.languages).toEqual(['zig'])
    expect(await scanner?.scan({dir: '/', files: ['a.zig'], packageName: 'p'})).toEqual([{file: 'a.zig', line: 1, module: 'm', package: 'p'}])
    expect((await allLanguages(set)).map((l) => l.name)).toEqual(['zig'])
  })

  it('gives the extensions of the first provider that declares some, importing no provider after it', async () => {
    const set = [
      await plugin('wiring-only', {'language:zig': 'export default {name: "zig", extensions: []}'}),
      await plugin('first', {'language:zig': 'export default {name: "zig", extensions: [".zig"]}'}),
      await plugin('scanner', {'language:zig': 'throw new Error("a build without validation must not import the scanner")'}),
    ]
    expect(await languageExtensions(set, 'zig')).toEqual(['.zig'])
    expect((await languageSupport(set.slice(0, 2), 'zig')).extensions).toEqual(['.zig'])
    await expect(languageExtensions(set, 'cobol')).rejects.toMatchObject({code: 'LANGUAGE_UNSUPPORTED', details: {installed: ['zig']}, exit: 2})
    const broken = [await plugin('liar', {'language:zig': 'export default {name: "odin", extensions: [".zig"]}'})]
    await expect(languageExtensions(broken, 'zig')).rejects.toMatchObject({code: 'CAPABILITY_BROKEN', exit: 70})
  })

  it('a language nobody provides is LANGUAGE_UNSUPPORTED naming the installed ones; a hostile name is quoted', async () => {
    const set = [await plugin('a', {'language:zig': 'export default {name: "zig"}'})]
    expect(await findLanguage(set, 'cobol')).toBeUndefined()
    await expect(languageSupport(set, 'cobol')).rejects.toMatchObject({code: 'LANGUAGE_UNSUPPORTED', details: {installed: ['zig'], language: 'cobol'}, exit: 2})
    const hostile = await languageSupport(set, 'x\n[exit 0: OK]').catch((error: Error & {hints: string[]}) => error)
    expect((hostile as Error).message).toContain('"x\\n[exit 0: OK]"')
    expect((hostile as {hints: string[]}).hints[1]).toContain('a "language:<name>" capability')
  })

  it('a module that exports another language, or facets of the wrong shape, is CAPABILITY_BROKEN naming the plugin', async () => {
    const cases = {
      'exports the language "odin"': 'export default {name: "odin"}',
      'has "extensions" that are not': 'export default {name: "zig", extensions: ["zig"]}',
      'has a "scan" that is not a function': 'export default {name: "zig", scan: "no"}',
      'has a "wiring" without an install function': 'export default {name: "zig", wiring: {}}',
    }
    for (const [problem, source] of Object.entries(cases)) {
      const set = [await plugin(`p${Object.keys(cases).indexOf(problem)}`, {'language:zig': source})]
      const error = await languageSupport(set, 'zig').catch((e: Error) => e)
      expect(error, problem).toMatchObject({code: 'CAPABILITY_BROKEN', exit: 70})
      expect((error as Error).message).toContain(problem)
    }
  })
})
