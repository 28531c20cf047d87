/**
 * "include": "auto" decided without globs (`autoMatcher`) against picomatch over the auto patterns,
 * for many paths and extension lists: extensions inside names, as folder names, as whole names,
 * dot files, case, "+" and "-" in extensions.
 */
import {describe, expect, it} from 'vitest'

import {autoMatcher, autoPatterns, includeMatcher} from '../src/files/include.js'

const EXTENSION_LISTS = [['.py'], ['.py', '.pyi'], ['.js', '.mjs', '.cjs', '.ts', '.tsx'], ['.c++', '.h-x', '.a_b'], ['.PY'], ['.go'], ['.rs'], []]
const SEGMENTS = ['x.py', '.py', 'py', 'x.PY', 'x.pyi', 'x.py.txt', 'a.pyc', 'x.ts', 'x.d.ts', 'x.tsx', 'x.mjs', 'xmjs', '.js', 'x.c++', 'x.c+', 'x.h-x', 'x.a_b', 'x.go', 'x.rs', 'README', '.hidden', 'x..py', 'a b.py', 'ſ.py', 'x.py ']

/** Paths of one to three segments from SEGMENTS. */
function paths(): string[] {
  const found: string[] = []
  for (const a of SEGMENTS) {
    found.push(a)
    for (const b of SEGMENTS) {
      found.push(`${a}/${b}`)
      for (const c of ['x.py', 'README', 'x.ts', 'x.c++']) found.push(`${a}/${b}/${c}`)
    }
  }
  return found
}

describe('"include": "auto" without globs', () => {
  it('answers as picomatch does over the auto patterns', async () => {
    const wrong: unknown[] = []
    let compared = 0
    for (const extensions of EXTENSION_LISTS) {
      const fast = await autoMatcher(extensions)
      const reference = await includeMatcher(autoPatterns(extensions))
      for (const path of paths()) {
        if (fast(path) !== reference(path)) wrong.push({expected: reference(path), extensions, path})
        compared++
      }
    }
    expect(wrong.slice(0, 5)).toEqual([])
    expect(compared).toBeGreaterThan(10_000)
  })
})
