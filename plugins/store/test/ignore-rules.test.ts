/**
 * The walk's fast ignore answer (`ignoresInKeptDir`: by name, or by extension when every rule is
 * "*.ext" or a plain name) against the `ignore` package asked about the full path, over many rule
 * sets and names chosen to sit on the edges: case, several dots, no dot, dotfiles, names as long
 * as a plain rule, names that only case-fold to a rule, directory-only rules, negations. Rule sets of
 * only such rules are decided without the package (files/plain-rules.ts): the full-path answers
 * (an ignored directory leaves out what is below it) and the reasons are compared too.
 */
import ignore from 'ignore'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {tempDir} from '../../../test/helpers/cli.js'
import {DEFAULT_EXCLUDES, loadIgnoreRules} from '../src/files/ignore-rules.js'
import {parseManifest} from '../src/manifest/load.js'
import {manifestJson} from './fixtures.js'

let dir: {path: string; cleanup: () => Promise<void>}
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => dir.cleanup())

const PATTERNS = [
  '*.py', '!*.py', '*.PY', '*.pyc', '!*.pyc', '*.gz', '*.tar', '!*.tar', '*.k', '*.s', '*.egg-info/', '*.log/', '*.c++',
  'keep.py', '!keep.py', 'KEEP.PY', 'a.pyc', '!a.pyc', 'logs/', '!logs/', 'build', '!build/', 'Makefile', 'x.tar.gz', '!x.tar.gz',
  'ab', 'abc.py', '!abc.py', 'data', 'k', 's.py', 'x-y_z+1.txt',
]
const STEMS = ['a', 'a_module_of_some_length', 'A_MODULE_OF_SOME_LENGTH', 'another.module.v2', 'f1999_of_a_long_name', 'ſſſſſſſſſſſſſſſſſſ', 'ab', 'abc', 'x', 'keep', 'KEEP', 'Keep', 'build', 'logs', 'data', 'Makefile', 'x.tar', 'f1', 'f2000', 'ſ', 'S', '\u212A', 'm.n.o', 'a b', '', 'x-y_z+1', 'long-name-keep-keep-keep']
const EXTENSIONS = ['', '.py', '.PY', '.Py', '.pyc', '.gz', '.tar', '.tar.gz', '.k', '.K', '.\u212A', '.s', '.ſ', '.egg-info', '.log', '.c++', '.txt', '.', '..py', '.py.', '.pyc ']

/** A small seeded generator, so a failure names a rule set that can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const names = [...new Set(STEMS.flatMap((stem) => EXTENSIONS.map((extension) => stem + extension)))].filter((name) => name !== '' && !/^\.+$/.test(name))

describe('the ignore rules asked by name or by extension', () => {
  it('answer as the ignore package does for the full path, whatever order the names come in', async () => {
    const next = random(14)
    let compared = 0
    const wrong: unknown[] = []
    for (let round = 0; round < 60; round++) {
      const exclude = PATTERNS.filter(() => next() < 0.2)
      const rules = await loadIgnoreRules(dir.path, parseManifest(manifestJson({files: {exclude, include: 'auto'}}), 'aigogo.json'))
      const reference = ignore().add([...DEFAULT_EXCLUDES, ...exclude])
      // Shuffled, so a cached answer is first computed for different members of each class.
      const asked = [...names, ...names.map((name) => `pkg/${name}`)].map((path) => ({path, order: next()})).sort((a, b) => a.order - b.order)
      for (const {path} of asked) {
        for (const isDir of [false, true]) {
          const expected = reference.ignores(isDir ? `${path}/` : path)
          if (rules.ignoresInKeptDir(path, isDir) !== expected) wrong.push({exclude, expected, isDir, path})
          compared++
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([])
    expect(compared).toBeGreaterThan(50_000)
  })

  it('answer full paths and give the reason as the ignore package does, with rules from aigogo.json and .aigogoignore', async () => {
    const next = random(41)
    const parents = ['pkg', 'build', 'Build', 'logs', 'data', 'k', 'x.egg-info', 'a.pyc', 'keep.py', 'pkg/logs', 'pkg/deep']
    let compared = 0
    const wrong: unknown[] = []
    for (let round = 0; round < 40; round++) {
      const exclude = PATTERNS.filter(() => next() < 0.15)
      const lines = PATTERNS.filter(() => next() < 0.15)
      await writeFile(join(dir.path, '.aigogoignore'), `# rules\n\n${lines.join('\n')}\n`)
      const rules = await loadIgnoreRules(dir.path, parseManifest(manifestJson({files: {exclude, include: 'auto'}}), 'aigogo.json'))
      const reference = ignore()
        .add([...DEFAULT_EXCLUDES, ...exclude])
        .add(lines.map((pattern, i) => ({mark: `.aigogoignore:${i + 3}: ${pattern}`, pattern})))
      for (const name of names.filter(() => next() < 0.25)) {
        for (const path of [name, ...parents.map((parent) => `${parent}/${name}`)]) {
          for (const isDir of [false, true]) {
            const key = isDir ? `${path}/` : path
            const expected = reference.ignores(key)
            const check = reference.checkIgnore(key)
            const reason = check.ignored ? check.rule?.mark ?? check.rule?.pattern ?? 'a parent directory' : undefined
            if (rules.ignores(path, isDir) !== expected || rules.reason(path, isDir) !== reason) wrong.push({exclude, expected, isDir, lines, path, reason, got: rules.reason(path, isDir)})
            compared++
          }
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([])
    expect(compared).toBeGreaterThan(20_000)
  })
})
