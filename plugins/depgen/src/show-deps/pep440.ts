/**
 * aigogo.json versions are free text. For Python outputs they must become PEP 440 specifiers:
 * Poetry/npm-style caret and tilde ranges are expanded, npm X-ranges become bounds
 * ("1.x" -> ">=1,<2"), npm's space-separated comparators are joined with commas, a bare
 * version means exactly it, and "", "*", "x" and "latest" mean no constraint. What still is
 * not PEP 440 (an npm "||", a hyphen range, a tag) is refused by `requirement` rather than
 * written into a file pip rejects.
 */
import {dataError, quoteUntrusted} from '@aigogo/sdk/core'

function bump(parts: number[], index: number): string {
  const next = parts.slice(0, index + 1)
  next[index] = (next[index] ?? 0) + 1
  return next.join('.')
}

function parts(version: string): number[] {
  return version.split('.').map((p) => Number.parseInt(p, 10)).filter((n) => !Number.isNaN(n))
}

export function toPep440(version: string): string {
  const v = version.trim()
  if (v === '' || v === '*' || v === 'latest') return ''
  if (v.startsWith('^')) {
    const base = v.slice(1).trim()
    const p = parts(base)
    const index = Math.max(0, p.findIndex((n) => n !== 0))
    return `>=${base},<${bump(p, p.every((n) => n === 0) ? p.length - 1 : index)}`
  }
  if (v.startsWith('~') && !v.startsWith('~=')) {
    const base = v.slice(1).trim()
    const p = parts(base)
    return `>=${base},<${bump(p, p.length >= 2 ? 1 : 0)}`
  }
  const wildcard = X_RANGE.exec(v)
  if (wildcard) {
    const p = parts(wildcard[1] as string)
    return p.length === 0 ? '' : `>=${p.join('.')},<${bump(p, p.length - 1)}`
  }
  if (/^\d/.test(v)) return `==${v}`
  // npm joins comparators with spaces (">=1.2 <2"), PEP 440 with commas.
  if (NPM_COMPARATORS.test(v)) return v.split(/\s+/).join(',')
  // Already a specifier (>=1,<2 / ~=1.4 / ==1.0), a marker-carrying one, or a direct URL (@ https://...).
  return v.replace(/(,)\s*/g, '$1')
}

/** npm X-ranges: "x", "1.x", "1.2.*", "1.X" (the numbers before the wildcard in group 1). */
const X_RANGE = /^=?v?((?:\d+\.)*)[xX*](?:\.[xX*])*$/
/** Two or more comparators separated by spaces, no commas: ">=1.2 <2". */
const NPM_COMPARATORS = /^(?:[<>]=?|==?)\s*\d[\w.]*(?:\s+(?:[<>]=?|==?)\s*\d[\w.]*)+$/

// PEP 440's version grammar (the `packaging` project's VERSION_PATTERN), case-insensitive.
const VERSION = String.raw`v?(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`
const CLAUSE = new RegExp(String.raw`^(?:(?:==|!=)${VERSION}(?:\.\*)?|(?:~=|<=|>=|<|>)${VERSION}|===\S+)$`, 'i')

/** True when `spec` (no marker, no URL) is empty or a comma-separated list of PEP 440 clauses. */
export function isPep440Specifier(spec: string): boolean {
  return spec === '' || spec.split(',').every((clause) => CLAUSE.test(clause.trim()))
}

/**
 * `version` as a PEP 440 specifier for `what` (a package name or "language.version"), markers
 * and URLs kept; VERSION_NOT_PEP440 (exit 3) when it has no PEP 440 form.
 */
export function pep440For(what: string, version: string): string {
  const spec = toPep440(version)
  if (spec.startsWith('@')) return spec
  const semicolon = spec.indexOf(';')
  if (isPep440Specifier((semicolon >= 0 ? spec.slice(0, semicolon) : spec).trim())) return spec
  throw dataError('VERSION_NOT_PEP440', `the version of ${quoteUntrusted(what)} in aigogo.json, ${quoteUntrusted(version)}, has no PEP 440 form for Python`, [
    'write it as a PEP 440 specifier in aigogo.json, e.g. ">=1.2,<2" (npm\'s "||" and "1.2 - 2.0" have no equivalent)',
    what === 'language.version' ? 'edit "language.version" in aigogo.json' : `edit its entry in aigogo.json, or remove it (aigogo rm dep|dev <name>) and add it again with a PEP 440 version`,
  ], {version, what})
}

/** A PEP 508 requirement line: name plus specifier, with a space before a URL reference. */
export function requirement(pkg: string, version: string): string {
  const spec = pep440For(pkg, version)
  return spec.startsWith('@') ? `${pkg} ${spec}` : `${pkg}${spec}`
}
