/**
 * Ignore rules that are "*.ext" or a plain name ("*.pyc", "venv/", "!keep.py", ".DS_Store"), decided
 * without the `ignore` package and with its answers. It turns "*.ext" into /(^|\/)[^/]*\.ext$/i and
 * a name into /(^|\/)name$/i (a trailing "/": directories only), asks a path's directories first
 * (an ignored directory leaves out all below it), and lets the last matching rule win (and name it). Such a rule
 * only ever looks at one path segment. Its text is ASCII, and a case-insensitive JavaScript regex
 * (without the u flag) matches an ASCII letter only with an ASCII letter ("ſ" is not "s", the
 * Kelvin sign not "k"): so comparing with only A-Z lower-cased is the same. test/ignore-rules.test.ts
 * compares these answers with the package's.
 */

export interface PlainRule {
  negate: boolean
  dirOnly: boolean
  /** "*.ext": ".ext", A-Z lower-cased. */
  suffix?: string
  /** A plain name, A-Z lower-cased. */
  name?: string
}

const EXTENSION_RULE = /^(!?)\*(\.[A-Za-z0-9_+-]+)(\/?)$/
const PLAIN_NAME_RULE = /^(!?)([A-Za-z0-9._+-]+)(\/?)$/
const UPPER = /[A-Z]/

const asciiLower = (text: string): string => (UPPER.test(text) ? text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) | 32)) : text)

/** The rule, when it is "*.ext" or a plain name; undefined for any other (a glob, a path, an escape, a space). */
export function parsePlainRule(pattern: string): PlainRule | undefined {
  const extension = EXTENSION_RULE.exec(pattern)
  if (extension) return {dirOnly: extension[3] === '/', negate: extension[1] === '!', suffix: asciiLower(extension[2] as string)}
  const plain = PLAIN_NAME_RULE.exec(pattern)
  // Dots alone ("." or ".."): the package's own business.
  if (!plain || /^\.+$/.test(plain[2] as string)) return undefined
  return {dirOnly: plain[3] === '/', name: asciiLower(plain[2] as string), negate: plain[1] === '!'}
}

function matches(rule: PlainRule, lower: string): boolean {
  if (rule.name !== undefined) return lower === rule.name
  return lower.endsWith(rule.suffix as string)
}

/** The index of the rule that leaves the entry `name` (one path segment) out, or -1: the last rule that matches decides. */
export function decidePlain(rules: readonly PlainRule[], name: string, isDir: boolean): number {
  const lower = asciiLower(name)
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as PlainRule
    if ((rule.dirOnly && !isDir) || !matches(rule, lower)) continue
    return rule.negate ? -1 : i
  }
  return -1
}
