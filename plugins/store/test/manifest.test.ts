import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {useTempWorkDir} from '../../../test/helpers/temp-work-dir.js'
import {parseManifest} from '../src/manifest/load.js'
import {serializeManifest} from '../src/manifest/serialize.js'
import {manifestJson, pythonPackage} from './fixtures.js'

const dir = useTempWorkDir()
const home = useTempWorkDir('aigogo-home-')

const codeOf = (fn: () => unknown): {code?: string; message?: string; details?: Record<string, unknown>} => {
  try {
    fn()
  } catch (error) {
    return error as {code: string; message: string}
  }
  return {}
}

describe('aigogo.json validation', () => {
  it('names the line and column of a JSON syntax error', async () => {
    await writeFile(join(dir.path, 'aigogo.json'), '{\n  "name": "x",\n  "version": 1.0.0\n}\n')
    const result = await aigogo(['build', '--json'], {cwd: dir.path, home: home.path})
    expect(result.exitCode).toBe(3)
    const error = jsonError(result)
    expect(error.code).toBe('MANIFEST_MALFORMED')
    expect(error.message).toMatch(/aigogo\.json:3:\d+/)
  })

  it('refuses a language no plugin provides when told which exist, naming them; a malformed name always, naming the field', () => {
    const languages = ['go', 'javascript', 'python', 'rust']
    const error = codeOf(() => parseManifest(manifestJson({language: {name: 'cobol', version: '1'}}), 'aigogo.json', {languages}))
    expect(error.code).toBe('LANGUAGE_UNSUPPORTED')
    expect(error.message).toContain('aigogo.json: no loaded plugin provides the language "cobol"')
    expect(error.details).toEqual({installed: languages, language: 'cobol'})
    // Without the list (a pulled package is data), any well-formed language name is kept.
    expect(parseManifest(manifestJson({language: {name: 'cobol', version: '1'}}), 'aigogo.json').language.name).toBe('cobol')
    const malformed = codeOf(() => parseManifest(manifestJson({language: {name: 'Co bol', version: '1'}}), 'aigogo.json'))
    expect(malformed.code).toBe('MANIFEST_INVALID')
    expect(malformed.message).toContain('"language.name"')
    expect(malformed.message).toContain('Co bol')
  })

  it('refuses invalid names and versions, and dependencies without a package', () => {
    expect(codeOf(() => parseManifest(manifestJson({name: 'My_Utils'}), 'a')).message).toContain('"name"')
    expect(codeOf(() => parseManifest(manifestJson({version: '1.0'}), 'a')).message).toContain('"version"')
    expect(codeOf(() => parseManifest(manifestJson({dependencies: {runtime: [{version: '1'}]}}), 'a')).message).toContain('"dependencies.runtime[0].package"')
    expect(codeOf(() => parseManifest(manifestJson({ai: {capabilities: []}}), 'a')).message).toContain('"ai.summary"')
    expect(codeOf(() => parseManifest(manifestJson({files: {include: 3}}), 'a')).message).toContain('"files.include"')
  })

  it('accepts the schema short forms of files', () => {
    expect(parseManifest(manifestJson({files: 'auto'}), 'a').files).toEqual({include: 'auto'})
    expect(parseManifest(manifestJson({files: ['a.py']}), 'a').files).toEqual({include: ['a.py']})
  })

  it('writes keys in upstream order and keeps unknown keys', () => {
    const manifest = parseManifest(
      JSON.stringify({x_custom: {keep: true}, files: {exclude: ['t/'], include: 'auto'}, version: '1.0.0', language: {version: '>=3', name: 'python'}, name: 'a'}),
      'a',
    )
    const text = serializeManifest(manifest)
    expect(Object.keys(JSON.parse(text))).toEqual(['name', 'version', 'language', 'files', 'x_custom'])
    expect(Object.keys(JSON.parse(text).language)).toEqual(['name', 'version'])
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('keeps unknown keys when a command saves the manifest', async () => {
    await pythonPackage(dir.path, {'x-team': 'core', files: {include: []}})
    const result = await aigogo(['add', 'dep', 'requests', '>=2.31.0'], {cwd: dir.path, home: home.path})
    expect(result.exitCode).toBe(0)
    const saved = JSON.parse(await readFile(join(dir.path, 'aigogo.json'), 'utf8'))
    expect(saved['x-team']).toBe('core')
    expect(saved.dependencies.runtime).toEqual([{package: 'requests', version: '>=2.31.0'}])
  })
})
