/**
 * Module specifiers used by a JavaScript/TypeScript file, read from the tokens of our own lexer
 * (`lexer.ts`, no compiler): static import, export-from, import-equals, require(), dynamic
 * import() and `import('x').T` type references. Type-only forms are marked. Text inside strings,
 * template literals, regexes, JSX text and comments is never a token, so it never counts.
 */
import {type Token, tokenize} from './lexer.js'

export interface ModuleReference {
  specifier: string
  line: number
  typeOnly: boolean
  kind: 'import' | 'export' | 'require' | 'dynamic-import' | 'import-type'
}

const TYPESCRIPT = /\.[mc]?tsx?$/

/** What a promise offers after `import('x').`; any other member is a type: `import('x').T`. */
const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally'])

/** Tokens of an import/export clause outside its braces: `type X , * as ns` is six. */
const MAX_CLAUSE_OUTSIDE_BRACES = 8

/** How far to look for the `)` of `import('x', {with: …})`: attributes are short. */
const MAX_IMPORT_CALL_TOKENS = 64

const isPunct = (t: Token | undefined, value: string): boolean => t?.kind === 'punct' && t.value === value
const isName = (t: Token | undefined, value?: string): boolean => t?.kind === 'name' && (value === undefined || t.value === value)
const isString = (t: Token | undefined): t is Token => t?.kind === 'string'

/**
 * One binding of `{…}` is type-only when it starts with the `type` modifier: `type A`,
 * `type A as B`, `type as` (imports `as`), `type as as B`; but not `type` alone or `type as B`
 * (the binding named `type`, renamed).
 */
function typeOnlyBinding(binding: Token[]): boolean {
  if (!isName(binding[0], 'type') || binding.length < 2) return false
  if (!isName(binding[1], 'as')) return true
  return binding.length === 2 || (binding.length === 4 && isName(binding[2], 'as'))
}

/** `{type A, type B}`: every binding in the braces is type-only and there is at least one. */
function allTypeOnly(clause: Token[], open: number): boolean {
  const bindings: Token[][] = [[]]
  for (let k = open + 1; k < clause.length && !isPunct(clause[k], '}'); k += 1) {
    if (isPunct(clause[k], ',')) bindings.push([])
    else bindings.at(-1)?.push(clause[k] as Token)
  }
  const named = bindings.filter((b) => b.length > 0)
  return named.length > 0 && named.every((b) => typeOnlyBinding(b))
}

/**
 * The clause of `import …`/`export …` from `start` up to `from '<specifier>'`: names, `*`, `,`
 * and one `{…}`. Returns the index of the specifier, or -1 when the tokens are something else.
 */
function fromClauseEnd(tokens: Token[], start: number): number {
  let inBraces = false
  let outside = 0
  for (let k = start; k < tokens.length; k += 1) {
    const t = tokens[k] as Token
    if (!inBraces && isName(t, 'from') && isString(tokens[k + 1]) && k > start) return k + 1
    // Outside braces a clause is short (`type X, * as ns`): a longer run is not a clause, and
    // stopping keeps a file of `import import import …` linear.
    if (!inBraces && (outside += 1) > MAX_CLAUSE_OUTSIDE_BRACES) return -1
    if (t.kind === 'name' || isPunct(t, ',') || isPunct(t, '*')) continue
    if (isPunct(t, '{') && !inBraces) inBraces = true
    else if (isPunct(t, '}') && inBraces) inBraces = false
    else if (!(inBraces && isString(t))) return -1 // `{'a-b' as c}`: arbitrary module namespace names
  }
  return -1
}

/** `require ( '<literal>' )` at k (a trailing comma allowed): the literal's index, or -1. */
function requireCallAt(tokens: Token[], k: number): number {
  if (!isName(tokens[k], 'require') || !isPunct(tokens[k + 1], '(') || !isString(tokens[k + 2])) return -1
  if (isPunct(tokens[k + 3], ')') || (isPunct(tokens[k + 3], ',') && isPunct(tokens[k + 4], ')'))) return k + 2
  return -1
}

export function moduleReferences(source: string, file: string): ModuleReference[] {
  // Most files of a package without any of these words cannot import anything: skip the lexing.
  if (!/\b(?:import|require|export)\b/.test(source)) return []
  const typescript = TYPESCRIPT.test(file)
  const tokens = tokenize(source, {file, jsx: !/\.[mc]?ts$/.test(file), typescript})
  const found: ModuleReference[] = []
  const add = (at: Token, specifier: Token, kind: ModuleReference['kind'], typeOnly: boolean): void => {
    found.push({kind, line: at.line, specifier: specifier.value, typeOnly})
  }

  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k] as Token
    if (t.kind !== 'name') continue
    const before = tokens[k - 1]
    // `x.import(…)`, `x?.require(…)`: methods, not the module system.
    if (isPunct(before, '.') || isPunct(before, '?.')) continue

    if (t.value === 'require') {
      const literal = requireCallAt(tokens, k)
      if (literal >= 0) add(t, tokens[literal] as Token, 'require', false)
    } else if (t.value === 'import') {
      const next = tokens[k + 1]
      if (isString(next)) {
        add(t, next, 'import', false) // side-effect import
      } else if (isPunct(next, '(')) {
        // import('x') or import('x', {with: …}); never import(variable) or import('x' + y).
        const literal = tokens[k + 2]
        if (!isString(literal) || !(isPunct(tokens[k + 3], ')') || isPunct(tokens[k + 3], ','))) continue
        let close = k + 3
        const limit = Math.min(tokens.length, k + MAX_IMPORT_CALL_TOKENS)
        while (close < limit && !isPunct(tokens[close], ')')) close += 1
        const member = tokens[close + 2]
        const typeOnly = typescript && (isName(before, 'typeof') || (isPunct(tokens[close + 1], '.') && isName(member) && !PROMISE_MEMBERS.has(member?.value ?? '')))
        add(isName(before, 'typeof') ? (before as Token) : t, literal, typeOnly ? 'import-type' : 'dynamic-import', typeOnly)
      } else if (!isPunct(next, '.')) {
        const end = fromClauseEnd(tokens, k + 1)
        if (end >= 0) {
          const clause = tokens.slice(k + 1, end - 1)
          // `import type X`, `import type {…}`, `import type * as ns`; not `import type from` or `import type, {…}`.
          const typeModifier = isName(clause[0], 'type') && clause.length >= 2 && !isPunct(clause[1], ',')
          add(at(tokens, k), tokens[end] as Token, 'import', typeModifier || (isPunct(clause[0], '{') && allTypeOnly(clause, 0)))
          k = end
          continue
        }
        // import X = require('x'), import type X = require('x'); the require is not counted again.
        const typeModifier = isName(next, 'type') && isName(tokens[k + 2]) && isPunct(tokens[k + 3], '=')
        const eq = k + (typeModifier ? 3 : 2)
        if (isName(tokens[eq - 1]) && isPunct(tokens[eq], '=')) {
          const literal = requireCallAt(tokens, eq + 1)
          if (literal >= 0) {
            add(at(tokens, k), tokens[literal] as Token, 'import', typeModifier)
            k = literal
          }
        }
      }
    } else if (t.value === 'export') {
      // export * from, export * as ns from, export {…} from, export type {…} / type * from.
      const next = tokens[k + 1]
      const typeModifier = isName(next, 'type') && (isPunct(tokens[k + 2], '{') || isPunct(tokens[k + 2], '*'))
      const open = k + (typeModifier ? 2 : 1)
      if (!isPunct(tokens[open], '{') && !isPunct(tokens[open], '*')) continue
      const end = fromClauseEnd(tokens, open)
      if (end < 0) continue
      const clause = tokens.slice(open, end - 1)
      add(t, tokens[end] as Token, 'export', typeModifier || (isPunct(clause[0], '{') && allTypeOnly(clause, 0)))
      k = end
    }
  }
  return found
}

/** The token where an import declaration starts: `export import x = …` starts at `export`. */
function at(tokens: Token[], k: number): Token {
  const before = tokens[k - 1]
  return isName(before, 'export') ? (before as Token) : (tokens[k] as Token)
}
