/**
 * A small Python tokenizer, enough to find import statements with certainty: it knows
 * comments, every string form (prefixes, triple quotes, escapes, f-strings with nested
 * replacement fields and format specs), bracket nesting and backslash continuations, and
 * returns logical lines. Text inside strings and comments therefore never looks like code.
 */

export type TokenKind = 'name' | 'op' | 'string' | 'number'

export interface Token {
  kind: TokenKind
  value: string
  /** 1-based physical line where the token starts. */
  line: number
}

export interface LogicalLine {
  /** Indentation column of the first token (tabs to multiples of 8, as CPython). */
  indent: number
  tokens: Token[]
}

const STRING_PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c > '\u007F'
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9')
}

export function tokenize(source: string): LogicalLine[] {
  const lines: LogicalLine[] = []
  const n = source.length
  let i = 0
  let line = 1
  let depth = 0
  let tokens: Token[] = []
  let indent = 0
  let atLineStart = true

  const endLogicalLine = (): void => {
    if (tokens.length > 0) lines.push({indent, tokens})
    tokens = []
  }

  /** Consumes a newline at i (\n, \r\n or \r) and counts it. */
  const newline = (): void => {
    if (source[i] === '\r' && source[i + 1] === '\n') i += 2
    else i += 1
    line += 1
  }

  /** Reads a string whose opening quote is at `start`; returns the index after it. */
  const readString = (start: number, prefix: string): number => {
    const quote = source[start] as string
    const triple = source[start + 1] === quote && source[start + 2] === quote
    const formatted = /[fFtT]/.test(prefix)
    let j = start + (triple ? 3 : 1)
    while (j < n) {
      const c = source[j] as string
      if (c === '\\') {
        // A backslash escapes the next character for termination purposes, raw or not.
        if (source[j + 1] === '\n' || source[j + 1] === '\r') {
          i = j + 1
          newline()
          j = i
        } else j += 2
        continue
      }
      if (c === '\n' || c === '\r') {
        if (!triple) return j // unterminated: stop at the end of the line, as the interpreter would
        i = j
        newline()
        j = i
        continue
      }
      if (c === quote && (!triple || (source[j + 1] === quote && source[j + 2] === quote))) return j + (triple ? 3 : 1)
      if (formatted && c === '{') {
        if (source[j + 1] === '{') j += 2
        else j = readReplacementField(j + 1)
        continue
      }
      j += 1
    }
    return j
  }

  /** Reads an f-string replacement field from just after its "{"; returns the index after "}". */
  const readReplacementField = (start: number): number => {
    let j = start
    let nesting = 0
    while (j < n) {
      const c = source[j] as string
      if (c === '\n' || c === '\r') {
        i = j
        newline()
        j = i
        continue
      }
      if (c === '#' ) {
        // A comment inside a multi-line replacement field (3.12+) runs to the end of the line.
        while (j < n && source[j] !== '\n' && source[j] !== '\r') j += 1
        continue
      }
      if (c === '"' || c === "'") {
        j = readString(j, '')
        continue
      }
      if (isIdentStart(c)) {
        let k = j
        while (k < n && isIdentPart(source[k] as string)) k += 1
        const word = source.slice(j, k)
        if ((source[k] === '"' || source[k] === "'") && STRING_PREFIX.test(word)) j = readString(k, word)
        else j = k
        continue
      }
      if (c === '(' || c === '[' || c === '{') nesting += 1
      else if (c === ')' || c === ']') nesting -= 1
      else if (c === '}') {
        if (nesting === 0) return j + 1
        nesting -= 1
      } else if (c === ':' && nesting === 0) return readFormatSpec(j + 1)
      j += 1
    }
    return j
  }

  /** The format spec after ":" is literal text with nested "{...}" fields, up to the closing "}". */
  const readFormatSpec = (start: number): number => {
    let j = start
    while (j < n) {
      const c = source[j] as string
      if (c === '}') return j + 1
      if (c === '{') {
        j = readReplacementField(j + 1)
        continue
      }
      if (c === '\n' || c === '\r') {
        i = j
        newline()
        j = i
        continue
      }
      j += 1
    }
    return j
  }

  while (i < n) {
    if (atLineStart && depth === 0) {
      // Measure indentation of a new physical line that starts a logical line.
      let column = 0
      let j = i
      while (j < n && (source[j] === ' ' || source[j] === '\t' || source[j] === '\f')) {
        column = source[j] === '\t' ? (Math.floor(column / 8) + 1) * 8 : source[j] === '\f' ? 0 : column + 1
        j += 1
      }
      i = j
      atLineStart = false
      if (tokens.length === 0) indent = column
    }
    const c = source[i] as string
    if (c === ' ' || c === '\t' || c === '\f') {
      i += 1
    } else if (c === '#') {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i += 1
    } else if (c === '\\' && (source[i + 1] === '\n' || source[i + 1] === '\r')) {
      i += 1
      newline() // explicit continuation: the logical line goes on, indentation is not measured
    } else if (c === '\n' || c === '\r') {
      newline()
      if (depth === 0) {
        endLogicalLine()
        atLineStart = true
      }
    } else if (c === '"' || c === "'") {
      const startLine = line
      const end = readString(i, '')
      tokens.push({kind: 'string', line: startLine, value: source.slice(i, end)})
      i = end
    } else if (isIdentStart(c)) {
      let j = i
      while (j < n && isIdentPart(source[j] as string)) j += 1
      const word = source.slice(i, j)
      if ((source[j] === '"' || source[j] === "'") && STRING_PREFIX.test(word)) {
        const startLine = line
        const end = readString(j, word)
        tokens.push({kind: 'string', line: startLine, value: source.slice(i, end)})
        i = end
      } else {
        tokens.push({kind: 'name', line, value: word})
        i = j
      }
    } else if ((c >= '0' && c <= '9') || (c === '.' && source[i + 1] !== undefined && source[i + 1]! >= '0' && source[i + 1]! <= '9')) {
      let j = i + 1
      while (j < n && (isIdentPart(source[j] as string) || source[j] === '.' || ((source[j] === '+' || source[j] === '-') && /[eE]/.test(source[j - 1] as string)))) j += 1
      tokens.push({kind: 'number', line, value: source.slice(i, j)})
      i = j
    } else {
      if (c === '(' || c === '[' || c === '{') depth += 1
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth -= 1
      if (c === '.' && source[i + 1] === '.' && source[i + 2] === '.') {
        tokens.push({kind: 'op', line, value: '...'})
        i += 3
      } else {
        tokens.push({kind: 'op', line, value: c})
        i += 1
      }
    }
  }
  endLogicalLine()
  return lines
}
