/**
 * The cases a compiler-free scanner can get wrong: regex literal or division, template literal
 * nesting, JSX text, TypeScript's type-only forms. Every expectation here is what the
 * TypeScript compiler's parser (depgen's previous scanner) reports for the same source.
 */
import {describe, expect, it} from 'vitest'

import {moduleReferences} from '../src/javascript/imports.js'
import {MAX_NESTING} from '../src/javascript/lexer.js'

/** `specifier` for a value import, `specifier (type)` for a type-only one, in source order. */
function refs(source: string, file = 'x.ts'): string[] {
  return moduleReferences(source, file).map((r) => `${r.specifier}${r.typeOnly ? ' (type)' : ''}`)
}

describe('javascript lexer: regex literal or division', () => {
  it('reads a / b / c as division, so code after it on the line still counts', () => {
    expect(refs("const q = a / b / c; const r = require('after-division') // /")).toEqual(['after-division'])
    expect(refs("const d = (a + b) / 2 / c, e = arr[0] / 1 + i++ / 2; require('after-parens') // /")).toEqual(['after-parens'])
    expect(refs("const d = 0x1e-5 / 2 + 1e-5 / 3 + .5 / 1; require('after-numbers') // /")).toEqual(['after-numbers'])
  })

  it('never counts what a regex literal contains, and a quote inside one opens no string', () => {
    expect(refs("x = /import('y')/g")).toEqual([])
    expect(refs("const re = /'/; const z = require('after-quote-regex')")).toEqual(['after-quote-regex'])
    expect(refs("const re = /[/'\"]require('in-class')/; require('after-class')")).toEqual(['after-class'])
    expect(refs("const re = /\\/'/; require('after-escaped-slash')")).toEqual(['after-escaped-slash'])
  })

  it('tells a regex from division by the token before the slash', () => {
    expect(refs("function f() { return /'/.test(s) }; require('after-return')")).toEqual(['after-return'])
    expect(refs("if (ok) /'/.test(s) && require('after-if-paren')")).toEqual(['after-if-paren'])
    expect(refs("function f() {}\n/'/.test(s) && require('after-block')")).toEqual(['after-block'])
    expect(refs("function f(): Promise<Array<T>> {}\n/'/.test(s) && require('after-typed-body')")).toEqual(['after-typed-body'])
    expect(refs("const o = {}\nconst d = o / 2 / 1; require('after-object') // /")).toEqual(['after-object'])
    expect(refs("const k = x.default / 2; require('after-property') // /")).toEqual(['after-property'])
    expect(refs("async function* g() { yield /'/; require('after-yield') }")).toEqual(['after-yield'])
    expect(refs("const n = v! / 2 / 3; require('after-non-null') // /")).toEqual(['after-non-null'])
  })

  it('takes a slash for division when no regex closes on its line (`of` as a variable looks like the keyword)', () => {
    expect(refs("const of = 4, h = of / 2\nrequire('after-of-division') // a/b")).toEqual(['after-of-division'])
  })
})

describe('javascript lexer: template literals', () => {
  it('counts code inside ${ … } and never the template text', () => {
    expect(refs("const t = `${require('z')}`")).toEqual(['z'])
    expect(refs("const t = `require('not-template-text') ${a}`")).toEqual([])
    expect(refs("const s = 'require(\"q\")'")).toEqual([])
  })

  it('follows nested templates and braces of object literals inside a substitution', () => {
    const source = "const t = `a ${`b ${import('deep')}`} c ${ {a: 1}.a } import('not-text') ${require('after')}`"
    expect(refs(source)).toEqual(['deep', 'after'])
  })

  it('reads a template without substitutions as a literal: require(`x`) counts, import(`./${v}`) does not', () => {
    expect(refs('const a = require(`dayjs`); const b = import(`./locale/${lang}.js`)')).toEqual(['dayjs'])
  })

  it('keeps line numbers across multi-line templates, comments and \\r\\n', () => {
    const source = "const t = `\n${a}\n`\r\n/* one\r\ntwo */\r\nimport x from 'on-line-six'\n"
    expect(moduleReferences(source, 'x.ts').map((r) => r.line)).toEqual([6])
  })
})

describe('javascript lexer: strings and comments', () => {
  it('handles escapes, line continuations and an unterminated string that ends at its line', () => {
    expect(refs("const s = 'it\\'s'; require('after-escape')")).toEqual(['after-escape'])
    expect(refs("const s = \"line \\\nimport 'in-continued-string'\"\nrequire('after-continuation')")).toEqual(['after-continuation'])
    expect(refs("const s = 'unterminated\nrequire('next-line')")).toEqual(['next-line'])
    expect(refs("require('\\x61xios')")).toEqual(['axios'])
  })

  it('never counts comments, also a hashbang', () => {
    expect(refs("#!/usr/bin/env node\n// require('line')\n/* import 'block' */\nrequire('code')", 'x.js')).toEqual(['code'])
  })
})

describe('javascript lexer: calls that are not the module system', () => {
  it('skips methods, non-literal arguments, import.meta and object keys', () => {
    const source = [
      "obj.require('m1'); obj?.import('m2')",
      "require('m3' + v); require(v); import(v); import('m4' + v)",
      'const url = import.meta.url',
      'const o = {import: 1, require: 2, export: 3}',
    ].join('\n')
    expect(refs(source)).toEqual([])
  })

  it('counts import() with import attributes and require() with a trailing comma', () => {
    expect(refs("await import('json-pkg', {with: {type: 'json'}}); require('trailing',)")).toEqual(['json-pkg', 'trailing'])
  })
})

describe('javascript lexer: TypeScript type-only forms', () => {
  it('reads the type modifier the way the compiler does', () => {
    expect(refs("import {type as} from 'a'")).toEqual(['a (type)'])
    expect(refs("import {type as as z} from 'b'")).toEqual(['b (type)'])
    expect(refs("import {type as z} from 'c'")).toEqual(['c'])
    expect(refs("import type from 'd'")).toEqual(['d'])
    expect(refs("import type, {q} from 'e'")).toEqual(['e'])
    expect(refs("import type * as ns from 'f'")).toEqual(['f (type)'])
    expect(refs("export type * from 'g'")).toEqual(['g (type)'])
    expect(refs("export {type T, type U} from 'h'")).toEqual(['h (type)'])
    expect(refs("import {} from 'i'")).toEqual(['i'])
  })

  it('marks typeof import() and import().T as types, import().then as a value', () => {
    expect(refs("let y: typeof import('t1')\ntype X = import('t2').Y<string>\nimport('v1').then((m) => m)")).toEqual(['t1 (type)', 't2 (type)', 'v1'])
    // In JavaScript there are no type positions.
    expect(refs("import('v2').Y", 'x.js')).toEqual(['v2'])
  })

  it('counts import = require once, with export and type modifiers', () => {
    expect(refs("export import e = require('once')\nimport type q = require('typed')\nimport N = Foo.Bar")).toEqual(['once', 'typed (type)'])
  })

  it('reads a type assertion in .ts as a type, not JSX', () => {
    expect(refs("const v = <any>require('after-assertion')")).toEqual(['after-assertion'])
  })
})

describe('javascript lexer: JSX', () => {
  it('skips JSX text and attribute strings, reads {…} code inside elements', () => {
    const source = "const el = <div title=\"require('attr')\">don't import 'text' here {require('in-jsx')}</div>; require('after-jsx')"
    expect(refs(source, 'x.jsx')).toEqual(['in-jsx', 'after-jsx'])
  })

  it('follows fragments, nested and self-closing elements, spreads and comments', () => {
    const source = [
      'const el = <>',
      "  <A.B c={x / 2} d='it' {...rest} />",
      "  <ul>{items.map((i) => <li key={i}>{i} / 'x</li>)}</ul>",
      "  {/* import 'in-comment' */}",
      "  <p>{`${import('in-template')}`}</p>",
      '</>',
      "require('after-fragment')",
    ].join('\n')
    expect(refs(source, 'x.tsx')).toEqual(['in-template', 'after-fragment'])
    expect(moduleReferences(source, 'x.tsx').map((r) => r.line)).toEqual([5, 7])
  })

  it('reads a .tsx generic arrow <T,> and <T extends U> as code, not an element', () => {
    expect(refs("const g = <T,>(x: T) => x; require('after-comma-generic')", 'x.tsx')).toEqual(['after-comma-generic'])
    expect(refs("const g = <T extends object>(x: T) => x; require('after-extends-generic')", 'x.tsx')).toEqual(['after-extends-generic'])
  })
})

describe('javascript lexer: hostile input stays linear', () => {
  // Sized so that a quadratic scan takes far longer than the test timeout (tens of minutes);
  // the assertions are on the result.
  it('tries a regex at most once per line: a line of 200,000 `/[` is read once', () => {
    expect(refs(`require('before')\nx = ${'/['.repeat(200_000)}\nrequire('after')`)).toEqual(['before', 'after'])
  })

  it('looks for the `)` of import() only a few tokens ahead: 100,000 unclosed `import("x",`', () => {
    expect(refs(`require('x')\n${"import('y', ".repeat(100_000)}`)).toHaveLength(100_001)
  })
})

describe('javascript lexer: limits', () => {
  it(`reads templates nested ${MAX_NESTING} deep and refuses deeper with SOURCE_NESTING_TOO_DEEP`, () => {
    const nest = (depth: number): string => `${'`${'.repeat(depth)}require('deep')${'}`'.repeat(depth)}`
    expect(refs(`const t = ${nest(MAX_NESTING - 1)}`)).toEqual(['deep'])
    expect(() => refs(`const t = ${nest(MAX_NESTING * 20)}`, 'deep.ts')).toThrow(expect.objectContaining({code: 'SOURCE_NESTING_TOO_DEEP'}))
    expect(() => refs(`require('x'); const t = ${'<a>'.repeat(MAX_NESTING + 1)}`, 'deep.jsx')).toThrow(/deep\.jsx:1: .*nest more than/)
  })
})
