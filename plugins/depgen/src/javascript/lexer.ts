/**
 * A small JavaScript/TypeScript lexer, enough to find module references with certainty and
 * without a compiler: it knows comments, strings, template literals with nested `${ … }`
 * code, regular expression literals (told from division by the token before the slash), and
 * JSX elements, whose text and attribute strings are skipped while their `{ … }` code is read.
 * Text inside strings, templates, regexes, comments and JSX text therefore never looks like code.
 *
 * It returns a flat list of code tokens; code inside template substitutions and JSX
 * expressions appears in place. It never throws on malformed input: an unterminated string
 * or regex ends at the end of its line, an unterminated template or comment at the end of the file.
 */
import {dataError} from '@aigogo/sdk/core'

export type TokenKind = 'name' | 'punct' | 'string' | 'template' | 'regex' | 'number' | 'jsx'

export interface Token {
  kind: TokenKind
  /** Names and punctuators: their text; strings and no-substitution templates: the decoded value. */
  value: string
  /** 1-based line where the token starts. */
  line: number
}

export interface LexerOptions {
  /** Read `<tag>` in expression position as JSX (.js .jsx .mjs .cjs .tsx; not .ts, where it is a type assertion). */
  jsx: boolean
  /** TypeScript rules for `<T,>` and `<T extends U>` generic arrows in .tsx. */
  typescript: boolean
  /** For messages. */
  file: string
}

/** Nesting (templates in templates, JSX in JSX) beyond this is refused rather than overflowing the stack. */
export const MAX_NESTING = 500

/** After these words an expression starts, so `/` begins a regex and `<` a JSX element. */
const EXPRESSION_KEYWORDS = new Set([
  'await', 'case', 'default', 'delete', 'do', 'else', 'extends', 'in', 'instanceof', 'new', 'of',
  'return', 'throw', 'typeof', 'void', 'yield',
])

/** `(` after these words closes into a statement head: `if (x) /re/.test(y)` is a regex. */
const CONTROL_KEYWORDS = new Set(['if', 'while', 'for', 'with'])

/** After these words `{` opens a block, not an object literal. */
const BLOCK_KEYWORDS = new Set(['else', 'do', 'try', 'finally', 'static'])

const THREE_CHAR = new Set(['===', '!==', '**=', '<<=', '>>=', '>>>', '...', '&&=', '||=', '??='])
const TWO_CHAR = new Set([
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '<<', '>>', '**',
])

function isLineTerminator(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029'
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\u00A0' || c === '\uFEFF' || (c > '\u007F' && /\s/.test(c))
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$' || c === '\\' || (c > '\u007F' && !isSpace(c) && !isLineTerminator(c))
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c === '\u200C' || c === '\u200D'
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

const SIMPLE_ESCAPES: Record<string, string> = {0: '\0', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v'}

/** The value of a string literal's body (between the quotes), escapes decoded. */
function decode(raw: string): string {
  if (!raw.includes('\\')) return raw
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(Math.min(Number.parseInt(e.slice(2, -1), 16), 0x10FFFF))
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'x')) return String.fromCharCode(Number.parseInt(e.slice(1), 16))
    if (isLineTerminator(e[0] as string)) return '' // line continuation
    return SIMPLE_ESCAPES[e] ?? e
  })
}

export function tokenize(source: string, options: LexerOptions): Token[] {
  const tokens: Token[] = []
  const n = source.length
  let i = 0
  let line = 1
  let nesting = 0
  /**
   * After a slash that opened no regex, the rest of its line is read without regexes: trying
   * again at every later slash would make a line of `/[/[/[…` quadratic.
   */
  let noRegexBefore = 0

  const enter = (): void => {
    nesting += 1
    if (nesting > MAX_NESTING) {
      throw dataError('SOURCE_NESTING_TOO_DEEP', `${options.file}:${line}: templates or JSX elements nest more than ${MAX_NESTING} levels deep`, [
        'nothing in ordinary code nests this deep: check the file, or exclude it from the package',
      ])
    }
  }

  /** Consumes the line terminator at i (a \r\n pair counts once). */
  const newline = (): void => {
    if (source[i] === '\r' && source[i + 1] === '\n') i += 2
    else i += 1
    line += 1
  }

  /** Skips a comment starting at i (`//` or `/*`). */
  const skipComment = (): void => {
    if (source[i + 1] === '/') {
      while (i < n && !isLineTerminator(source[i] as string)) i += 1
      return
    }
    i += 2
    while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
      if (isLineTerminator(source[i] as string)) newline()
      else i += 1
    }
    i = Math.min(n, i + 2)
  }

  /** Reads a '…' or "…" string at i; an unterminated one ends at the end of its line. */
  const readString = (): void => {
    const quote = source[i]
    const startLine = line
    const start = i + 1
    i += 1
    while (i < n) {
      const c = source[i] as string
      if (c === quote) break
      if (c === '\\') {
        i += 1
        if (i < n && isLineTerminator(source[i] as string)) newline()
        else i += 1
        continue
      }
      if (c === '\n' || c === '\r') break
      i += 1
    }
    tokens.push({kind: 'string', line: startLine, value: decode(source.slice(start, i))})
    if (source[i] === quote) i += 1
  }

  /** Reads a template literal at i, its `${ … }` substitutions as code. */
  const readTemplate = (): void => {
    const startLine = line
    i += 1
    const start = i
    let substituted = false
    while (i < n) {
      const c = source[i] as string
      if (c === '`') break
      if (c === '\\') {
        i += 1
        if (i < n && isLineTerminator(source[i] as string)) newline()
        else i += 1
      } else if (c === '$' && source[i + 1] === '{') {
        if (!substituted) tokens.push({kind: 'template', line: startLine, value: ''})
        substituted = true
        i += 2
        enter()
        readCode(true)
        nesting -= 1
        tokens.push({kind: 'template', line, value: ''})
      } else if (isLineTerminator(c)) newline()
      else i += 1
    }
    if (!substituted) tokens.push({kind: 'string', line: startLine, value: decode(source.slice(start, i).replaceAll('\r\n', '\n'))})
    if (i < n) i += 1
  }

  /**
   * Reads a regex literal whose `/` is at i. A regex cannot span lines: if none closes on this
   * line the slash was division after all (the caller then emits it as a punctuator).
   */
  const readRegex = (): boolean => {
    if (i < noRegexBefore) return false
    let j = i + 1
    let inClass = false
    while (j < n) {
      const c = source[j] as string
      if (isLineTerminator(c)) {
        noRegexBefore = j
        return false
      }
      if (c === '\\') j += 2
      else {
        if (c === '[') inClass = true
        else if (c === ']') inClass = false
        else if (c === '/' && !inClass) break
        j += 1
      }
    }
    if (j >= n) {
      noRegexBefore = n
      return false
    }
    j += 1
    while (j < n && isIdentPart(source[j] as string)) j += 1
    tokens.push({kind: 'regex', line, value: ''})
    i = j
    return true
  }

  /** Skips whitespace, line terminators and comments inside a JSX tag. */
  const skipTrivia = (): void => {
    while (i < n) {
      const c = source[i] as string
      if (isLineTerminator(c)) newline()
      else if (isSpace(c)) i += 1
      else if (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) skipComment()
      else return
    }
  }

  /** Reads a JSX name (`div`, `my-el`, `svg:path`, `Foo.Bar`) at i. */
  const readJsxName = (): void => {
    while (i < n && (isIdentPart(source[i] as string) || source[i] === '-' || source[i] === ':' || source[i] === '.')) i += 1
  }

  /** Reads `{ … }` at i inside JSX as code. */
  const readJsxExpression = (): void => {
    i += 1
    enter()
    readCode(true)
    nesting -= 1
  }

  /**
   * Reads a JSX element whose `<` is at i: tag, attributes (strings skipped, `{…}` read as
   * code), then children (text skipped, `{…}` and elements read) up to the closing tag.
   */
  const readJsxElement = (): void => {
    enter()
    tokens.push({kind: 'jsx', line, value: '<'})
    i += 1
    skipTrivia()
    readJsxName()
    let selfClosing = false
    for (;;) {
      skipTrivia()
      if (i >= n) break
      const c = source[i] as string
      if (c === '/' && source[i + 1] === '>') {
        i += 2
        selfClosing = true
        break
      }
      if (c === '>') {
        i += 1
        break
      }
      if (c === '{') readJsxExpression()
      else if (c === '"' || c === "'") {
        // JSX attribute strings have no escapes and may span lines.
        i += 1
        while (i < n && source[i] !== c) {
          if (isLineTerminator(source[i] as string)) newline()
          else i += 1
        }
        i += 1
      } else if (c === '<') readJsxElement()
      else if (c === '=' || isIdentStart(c)) {
        i += 1
        readJsxName()
      } else i += 1 // `<Foo<T> …>` type arguments and stray characters: nothing to read
    }
    if (!selfClosing) readJsxChildren()
    nesting -= 1
  }

  /** Reads the children of a JSX element up to and including its closing tag. */
  const readJsxChildren = (): void => {
    while (i < n) {
      const c = source[i] as string
      if (c === '{') readJsxExpression()
      else if (c === '<') {
        let j = i + 1
        while (j < n && (isSpace(source[j] as string) || isLineTerminator(source[j] as string))) j += 1
        if (source[j] === '/') {
          while (i < n && source[i] !== '>') {
            if (isLineTerminator(source[i] as string)) newline()
            else i += 1
          }
          i += 1
          return
        }
        readJsxElement()
      } else if (isLineTerminator(c)) newline()
      else i += 1
    }
  }

  /** `<` at i in expression position starts JSX, except a .tsx generic arrow `<T,>` / `<T extends U>`. */
  const startsJsx = (): boolean => {
    const next = source[i + 1] as string | undefined
    if (next === '>') return true
    if (next === undefined || !isIdentStart(next)) return false
    if (!options.typescript) return true
    const after = /^<\s*[\w$]+\s*(,|extends\s+[^\s=>])/.exec(source.slice(i, i + 200))
    return after === null
  }

  /**
   * Reads code from i. With `nested`, stops after the `}` that closes the enclosing
   * substitution or JSX expression; otherwise at the end of the file.
   */
  function readCode(nested: boolean): void {
    /** One entry per open `{` (true: a block, after whose `}` a regex may follow) or `(` (true: `if (`…). */
    const braces: boolean[] = []
    const parens: boolean[] = []
    let prev: Token | undefined
    /** `prev` is a property name (`x.default`, `a?.return`), never a keyword. */
    let prevIsProperty = false
    let closedBlock = false
    let closedControl = false

    /** Whether an expression can start here, judged by the previous token. */
    const expressionExpected = (): boolean => {
      if (prev === undefined) return true
      if (prev.kind === 'name') return !prevIsProperty && EXPRESSION_KEYWORDS.has(prev.value)
      if (prev.kind === 'jsx') return false
      if (prev.kind !== 'punct') return false
      if (prev.value === ')') return closedControl
      if (prev.value === '}') return closedBlock
      return prev.value !== ']' && prev.value !== '++' && prev.value !== '--'
    }

    /** Whether a `{` here opens a block (not an object literal or type literal). */
    const opensBlock = (): boolean => {
      if (prev === undefined) return true
      if (prev.kind === 'name') return prevIsProperty || !EXPRESSION_KEYWORDS.has(prev.value) || BLOCK_KEYWORDS.has(prev.value)
      if (prev.kind !== 'punct') return false
      // `>`: the end of a return type, `f(): Promise<void> {` (comparing with an object literal makes no sense).
      return [')', ';', '{', '}', '=>', '>', '>>', '>>>'].includes(prev.value)
    }

    const push = (token: Token): void => {
      tokens.push(token)
      prevIsProperty = token.kind === 'name' && prev?.kind === 'punct' && (prev.value === '.' || prev.value === '?.')
      prev = token
    }

    while (i < n) {
      const c = source[i] as string
      if (isLineTerminator(c)) {
        newline()
        continue
      }
      if (isSpace(c)) {
        i += 1
        continue
      }
      if (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
        skipComment()
        continue
      }
      if (c === '#' && i === 0 && source[1] === '!') {
        while (i < n && !isLineTerminator(source[i] as string)) i += 1
        continue
      }
      if (c === '"' || c === "'") {
        readString()
        prev = tokens.at(-1)
        continue
      }
      if (c === '`') {
        readTemplate()
        prev = tokens.at(-1)
        continue
      }
      if (isIdentStart(c) || (c === '#' && isIdentStart(source[i + 1] ?? ''))) {
        let j = i + 1
        while (j < n && isIdentPart(source[j] as string)) {
          j += source[j] === '\\' ? 2 : 1
        }
        push({kind: 'name', line, value: source.slice(i, j)})
        i = j
        continue
      }
      if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
        let j = i + 1
        while (j < n && (isIdentPart(source[j] as string) || source[j] === '.' || ((source[j] === '+' || source[j] === '-') && /[eE]/.test(source[j - 1] as string) && !/^0[xX]/.test(source.slice(i, j))))) j += 1
        push({kind: 'number', line, value: source.slice(i, j)})
        i = j
        continue
      }
      if (c === '/' && expressionExpected() && readRegex()) {
        prev = tokens.at(-1)
        continue
      }
      if (c === '<' && options.jsx && expressionExpected() && startsJsx()) {
        readJsxElement()
        prev = {kind: 'jsx', line, value: '>'}
        continue
      }
      // Punctuators: track brackets so `)` and `}` know what they close.
      if (c === '{') {
        braces.push(opensBlock())
        push({kind: 'punct', line, value: '{'})
        i += 1
        continue
      }
      if (c === '}') {
        if (braces.length === 0 && nested) {
          i += 1
          return
        }
        closedBlock = braces.pop() ?? true
        push({kind: 'punct', line, value: '}'})
        i += 1
        continue
      }
      if (c === '(') {
        parens.push(prev?.kind === 'name' && CONTROL_KEYWORDS.has(prev.value))
        push({kind: 'punct', line, value: '('})
        i += 1
        continue
      }
      if (c === ')') {
        closedControl = parens.pop() ?? false
        push({kind: 'punct', line, value: ')'})
        i += 1
        continue
      }
      const three = source.slice(i, i + 3)
      const two = source.slice(i, i + 2)
      // `?.5` is a conditional with a number, not optional chaining.
      const value = THREE_CHAR.has(three) ? three : TWO_CHAR.has(two) && !(two === '?.' && isDigit(source[i + 2])) ? two : c
      push({kind: 'punct', line, value})
      i += value.length
    }
  }

  readCode(false)
  return tokens
}
