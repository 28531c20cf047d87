import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {tempDir} from '../../../test/helpers/cli.js'
import {discoverFiles} from '../src/files/discover.js'
import {loadIgnoreRules} from '../src/files/ignore-rules.js'
import {walkFilesSync} from '../src/files/walk.js'
import {parseManifest} from '../src/manifest/load.js'
import {manifestJson, writeFiles} from './fixtures.js'

let dir: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => dir.cleanup())

const discover = (fields: Record<string, unknown>) => discoverFiles(dir.path, parseManifest(manifestJson(fields), 'aigogo.json'))

describe('file discovery', () => {
  beforeEach(async () => {
    await writeFiles(dir.path, {
      '.hidden.py': '',
      'a.py': '',
      'build/gen.py': '',
      'b.txt': '',
      'node_modules/x/y.py': '',
      'src/pkg/deep/m.py': '',
      'src/pkg/n.py': '',
      'src/top.py': '',
      'tests/test_a.py': '',
      'x.pyc': '',
    })
  })

  it('auto-discovers the language files minus the default excludes', async () => {
    expect(await discover({files: {include: 'auto'}})).toEqual(['.hidden.py', 'a.py', 'src/pkg/deep/m.py', 'src/pkg/n.py', 'src/top.py', 'tests/test_a.py'])
  })

  it('gives "**" its real meaning in include patterns (any depth, including none)', async () => {
    expect(await discover({files: {include: ['src/**/*.py']}})).toEqual(['src/pkg/deep/m.py', 'src/pkg/n.py', 'src/top.py'])
    expect(await discover({files: {include: ['*.py']}})).toEqual(['.hidden.py', 'a.py'])
  })

  it('includes everything under a directory named as a pattern', async () => {
    expect(await discover({files: {include: ['src/pkg', 'b.txt']}})).toEqual(['b.txt', 'src/pkg/deep/m.py', 'src/pkg/n.py'])
  })

  it('applies .aigogoignore with gitignore semantics: negation, anchoring, directory-only, **', async () => {
    await writeFiles(dir.path, {
      '.aigogoignore': '# comment\n\ntests/\n/a.py\nsrc/**/*.py\n!src/pkg/n.py\n',
      'sub/a.py': '',
    })
    expect(await discover({files: {include: 'auto'}})).toEqual(['.hidden.py', 'src/pkg/n.py', 'sub/a.py'])
  })

  it('decides by name alone when every rule is a name, as the full paths would (negation, directory-only, at any depth)', async () => {
    await writeFiles(dir.path, {
      '.aigogoignore': '*.py\n!keep.py\nlogs/\n!n.py\n',
      'deep/a/keep.py': '',
      'deep/a/logs': '',
      'deep/logs/keep.py': '',
      'deep/pkg/keep.py/inner.py': '',
    })
    const manifest = parseManifest(manifestJson({files: {include: 'auto'}}), 'aigogo.json')
    const rules = await loadIgnoreRules(dir.path, manifest)
    const asked: [string, boolean][] = []
    walkFilesSync(dir.path, {skip: (path, isDir) => (asked.push([path, isDir]), rules.ignoresInKeptDir(path, isDir))})
    for (const [path, isDir] of asked) expect([path, rules.ignoresInKeptDir(path, isDir)]).toEqual([path, rules.ignores(path, isDir)])
    expect(asked.length).toBeGreaterThan(10)
    expect(await discover({files: {include: 'auto'}})).toEqual(['deep/a/keep.py', 'src/pkg/n.py'])
  })

  it('applies files.exclude before .aigogoignore, so the file can re-include', async () => {
    await writeFiles(dir.path, {'.aigogoignore': '!src/top.py\n'})
    expect(await discover({files: {exclude: ['src/**'], include: 'auto'}})).toEqual(['.hidden.py', 'a.py', 'src/top.py', 'tests/test_a.py'])
  })

  it('packages a file listed by exact path even when an ignore rule matches it', async () => {
    expect(await discover({files: {include: ['x.pyc', 'a.py']}})).toEqual(['a.py', 'x.pyc'])
  })

  it('follows a link to a file and skips dangling and looping links', async () => {
    const {symlink} = await import('node:fs/promises')
    const {join} = await import('node:path')
    await symlink(join(dir.path, 'a.py'), join(dir.path, 'linked.py'))
    await symlink(join(dir.path, 'gone.py'), join(dir.path, 'dangling.py'))
    await symlink(join(dir.path, 'loop.py'), join(dir.path, 'loop.py'))
    expect(await discover({files: {include: ['*.py']}})).toEqual(['.hidden.py', 'a.py', 'linked.py'])
  })

  it('refuses an empty include list with a coded error', async () => {
    await expect(discover({files: {include: []}})).rejects.toMatchObject({code: 'NO_FILES_SPECIFIED'})
  })
})
