/**
 * Import statements of a Python source, found on the token stream (never on raw text).
 * Each statement also carries its context: inside `if TYPE_CHECKING:` (needed by type
 * checkers only) or inside try/except (an optional import with a fallback).
 */
import {type LogicalLine, type Token, tokenize} from './tokenize.js'

export interface PythonImport {
  /** Dotted module path as written ("yaml", "google.cloud.storage"); for relative imports the part after the dots. */
  module: string
  /** Leading dots of a relative import (0 = absolute). */
  level: number
  /** For `from m import a, b`: the imported names (submodules or attributes). */
  names: string[]
  line: number
  typeOnly: boolean
  optional: boolean
}

const COMPOUND = new Set(['if', 'elif', 'else', 'try', 'except', 'finally', 'with', 'for', 'while', 'def', 'class', 'async', 'match', 'case'])

type BlockKind = 'type-checking' | 'optional' | 'plain'

interface Block {
  indent: number
  kind: BlockKind
}

const isOp = (token: Token | undefined, value: string): boolean => token?.kind === 'op' && token.value === value
const isName = (token: Token | undefined, value?: string): boolean => token?.kind === 'name' && (value === undefined || token.value === value)

/** `if TYPE_CHECKING` or `if typing.TYPE_CHECKING` (any qualifier). */
function blockKindOf(header: Token[]): BlockKind {
  const first = header[0]?.value
  if (first === 'try' || first === 'except') return 'optional'
  if (first === 'if' || first === 'elif') {
    const condition = header.slice(1, -1)
    const last = condition.at(-1)
    const qualified = condition.length === 1 || condition.every((t, k) => (k % 2 === 0 ? t.kind === 'name' : isOp(t, '.')))
    if (isName(last, 'TYPE_CHECKING') && qualified) return 'type-checking'
  }
  return 'plain'
}

/** Splits a logical line into statements at ";" and after the ":" of a compound statement's header. */
function statements(tokens: Token[]): Array<{tokens: Token[]; header: boolean}> {
  const result: Array<{tokens: Token[]; header: boolean}> = []
  let start = 0
  let depth = 0
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k] as Token
    if (token.kind !== 'op') continue
    if ('([{'.includes(token.value)) depth += 1
    else if (')]}'.includes(token.value)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && token.value === ';') {
      result.push({header: false, tokens: tokens.slice(start, k)})
      start = k + 1
    } else if (depth === 0 && token.value === ':' && COMPOUND.has(tokens[start]?.value ?? '') && tokens[start]?.kind === 'name') {
      result.push({header: true, tokens: tokens.slice(start, k + 1)})
      start = k + 1
    }
  }
  if (start < tokens.length) result.push({header: false, tokens: tokens.slice(start)})
  return result
}

function readDotted(tokens: Token[], at: number): {value: string; next: number} {
  const parts: string[] = []
  let k = at
  while (isName(tokens[k])) {
    parts.push((tokens[k] as Token).value)
    if (!isOp(tokens[k + 1], '.')) {
      k += 1
      break
    }
    k += 2
  }
  return {next: k, value: parts.join('.')}
}

function parseImport(tokens: Token[], context: {typeOnly: boolean; optional: boolean}): PythonImport[] {
  const first = tokens[0] as Token
  const found: PythonImport[] = []
  if (first.value === 'import') {
    let k = 1
    while (k < tokens.length) {
      const {value, next} = readDotted(tokens, k)
      if (value === '') break
      found.push({...context, level: 0, line: first.line, module: value, names: []})
      k = next
      if (isName(tokens[k], 'as')) k += 2
      if (!isOp(tokens[k], ',')) break
      k += 1
    }
    return found
  }
  // from [dots] [module] import names
  let k = 1
  let level = 0
  while (isOp(tokens[k], '.') || isOp(tokens[k], '...')) {
    level += (tokens[k] as Token).value.length
    k += 1
  }
  const {value, next} = readDotted(tokens, k)
  if (!isName(tokens[next], 'import')) return found
  if (value === '' && level === 0) return found
  const names: string[] = []
  for (let m = next + 1; m < tokens.length; m += 1) {
    const token = tokens[m] as Token
    if (isName(tokens[m - 1], 'as')) continue
    if (token.kind === 'name' && token.value !== 'as') names.push(token.value)
    else if (isOp(token, '*')) names.push('*')
  }
  found.push({...context, level, line: first.line, module: value, names})
  return found
}

export function pythonImports(source: string): PythonImport[] {
  return importsOfLines(tokenize(source))
}

export function importsOfLines(lines: LogicalLine[]): PythonImport[] {
  const found: PythonImport[] = []
  const stack: Block[] = []
  for (const logical of lines) {
    while (stack.length > 0 && (stack.at(-1) as Block).indent >= logical.indent) stack.pop()
    let lineKind: BlockKind | undefined
    for (const statement of statements(logical.tokens)) {
      if (statement.header) {
        lineKind = blockKindOf(statement.tokens)
        continue
      }
      const head = statement.tokens[0]
      if (!isName(head, 'import') && !isName(head, 'from')) continue
      const kinds = [...stack.map((b) => b.kind), ...(lineKind ? [lineKind] : [])]
      found.push(...parseImport(statement.tokens, {optional: kinds.includes('optional'), typeOnly: kinds.includes('type-checking')}))
    }
    // A header that ends the line opens a block for the more-indented lines that follow.
    const last = logical.tokens.at(-1)
    if (lineKind && isOp(last, ':')) stack.push({indent: logical.indent, kind: lineKind})
  }
  return found
}
