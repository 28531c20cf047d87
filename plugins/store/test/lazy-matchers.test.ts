/**
 * The glob and gitignore packages cost their load on every build that imports them; discovery
 * loads them only when a rule or an include pattern needs them. Checked in a fresh node process
 * (the test runner has both loaded already), by what node's CommonJS cache holds afterwards.
 */
import {execFileSync} from 'node:child_process'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {REPO_ROOT, tempDir} from '../../../test/helpers/cli.js'
import {manifestJson, writeFiles} from './fixtures.js'

let dir: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  dir = await tempDir()
  await writeFiles(dir.path, {'a.py': '', 'b.txt': '', 'logs/x.py': '', 'src/m.py': '', 'x.pyc': ''})
})
afterEach(async () => dir.cleanup())

const DISCOVER = pathToFileURL(join(REPO_ROOT, 'plugins', 'store', 'dist', 'files', 'discover.js')).href

/** The files discoverFiles finds, and which of the two packages it loaded. */
function discoverIn(fields: Record<string, unknown>, ignoreFile?: string): {files: string[]; loaded: string[]} {
  const script = `
    import {createRequire} from 'node:module'
    import {writeFileSync} from 'node:fs'
    const {discoverFiles} = await import(${JSON.stringify(DISCOVER)})
    const {parseManifest} = await import(${JSON.stringify(DISCOVER.replace('/files/discover.js', '/manifest/load.js'))})
    const [dir, manifest, ignoreFile] = process.argv.slice(1)
    if (ignoreFile) writeFileSync(dir + '/.aigogoignore', ignoreFile)
    const files = await discoverFiles(dir, parseManifest(manifest, 'aigogo.json'))
    const cached = Object.keys(createRequire(import.meta.url).cache)
    const loaded = ['ignore', 'picomatch'].filter((name) => cached.some((path) => path.includes('/node_modules/' + name + '/')))
    console.log(JSON.stringify({files, loaded}))`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, dir.path, manifestJson(fields), ignoreFile ?? ''], {encoding: 'utf8'})
  return JSON.parse(out) as {files: string[]; loaded: string[]}
}

describe('discovery loads its matchers only when needed', () => {
  it('"auto" with name and extension rules loads neither picomatch nor ignore', () => {
    expect(discoverIn({files: {exclude: ['logs/', '*.TXT'], include: 'auto'}}, '!keep.py\n*.pyo\n')).toEqual({files: ['a.py', 'src/m.py'], loaded: []})
  })

  it('a glob include loads picomatch, a rule with a slash loads ignore, with the same answers', () => {
    expect(discoverIn({files: {include: ['**/*.py']}})).toEqual({files: ['a.py', 'logs/x.py', 'src/m.py'], loaded: ['picomatch']})
    expect(discoverIn({files: {include: 'auto'}}, 'src/m.py\n')).toEqual({files: ['a.py', 'logs/x.py'], loaded: ['ignore']})
  })
})
