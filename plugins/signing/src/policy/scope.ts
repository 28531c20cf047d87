/**
 * Trust policy scopes: which packages a set of keys covers.
 *
 *   *                          every package, from any registry
 *   ghcr.io/**                 every repository of one registry
 *   ghcr.io/acme/**            acme's repositories, at any depth (acme/tools, acme/ml/utils)
 *   ghcr.io/acme/*             acme's repositories one level down (acme/tools, not acme/ml/utils)
 *   ghcr.io/acme/tools         exactly one repository
 *
 * The registry is host[:port] as written in references (lowercase, no wildcard); repository path
 * components follow the OCI rules; "*" and "**" stand only as the last, whole component. When
 * several scopes of one policy file match, the most specific applies alone: an exact repository,
 * then the longer literal prefix, then "*" before "**" at the same prefix, and "*" last.
 */
export interface Scope {
  /** As written, the policy's key. */
  text: string
  registry?: string
  /** Literal repository path components before the wildcard (or all of them). */
  path: string[]
  wildcard: 'none' | 'one' | 'any' | 'all'
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const MAX_SCOPE_LENGTH = 255

/** The scope, or why the text is not one (for the caller's coded error). */
export function parseScope(text: string): Scope | string {
  if (typeof text !== 'string' || text === '') return 'it is empty'
  if (text.length > MAX_SCOPE_LENGTH) return `it is longer than ${MAX_SCOPE_LENGTH} characters`
  if (text === '*') return {path: [], text, wildcard: 'all'}
  const [registry, ...path] = text.split('/')
  if (path.length === 0) return 'it names no repository: write <registry>/<repository>, <registry>/<path>/* or <registry>/** (or * for every registry)'
  if (!HOST.test(registry!)) return `${JSON.stringify(registry)} is not a registry host[:port] (lowercase, no wildcard)`
  const last = path.at(-1)!
  const wildcard = last === '**' ? 'any' : last === '*' ? 'one' : 'none'
  const literal = wildcard === 'none' ? path : path.slice(0, -1)
  for (const component of literal) {
    if (component.includes('*')) return `"*" and "**" may only be the last component, whole (${JSON.stringify(component)})`
    if (!COMPONENT.test(component)) return `${JSON.stringify(component)} is not a repository path component (lowercase letters, digits, and . _ - between them)`
  }
  return {path: literal, registry, text, wildcard}
}

export function scopeMatches(scope: Scope, registry: string, repository: string): boolean {
  if (scope.wildcard === 'all') return true
  if (scope.registry !== registry.toLowerCase()) return false
  const parts = repository.split('/')
  const prefixMatches = scope.path.every((component, i) => parts[i] === component)
  if (!prefixMatches) return false
  const rest = parts.length - scope.path.length
  if (scope.wildcard === 'none') return rest === 0
  if (scope.wildcard === 'one') return rest === 1
  return rest >= 1
}

/** Higher is more specific. */
export function specificity(scope: Scope): number {
  if (scope.wildcard === 'all') return 0
  const literal = 1 + scope.path.length
  const kind = scope.wildcard === 'none' ? 2 : scope.wildcard === 'one' ? 1 : 0
  return scope.wildcard === 'none' ? 1_000_000 : literal * 3 + kind
}

/** The most specific scope that matches, if any. */
export function mostSpecific<T extends {scope: Scope}>(entries: readonly T[], registry: string, repository: string): T | undefined {
  let best: T | undefined
  for (const entry of entries) {
    if (!scopeMatches(entry.scope, registry, repository)) continue
    if (!best || specificity(entry.scope) > specificity(best.scope)) best = entry
  }
  return best
}
