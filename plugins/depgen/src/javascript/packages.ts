/** From an import specifier to the npm package that provides it. */
import {builtinModules} from 'node:module'

const BUILTINS = new Set(builtinModules)

/** URL-like specifiers (`https:`, `data:`, `node:`, `bun:`) that name no npm package. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i

/**
 * The npm package an import specifier belongs to, or undefined when it names none:
 * relative and absolute paths, `node:` and other schemes, Node builtins (also `fs/promises`),
 * and package.json "imports" aliases (`#internal`).
 * `lodash/fp` -> `lodash`, `@scope/pkg/sub` -> `@scope/pkg`.
 */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier === '' || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return undefined
  if (SCHEME.test(specifier)) return undefined
  const parts = specifier.split('/')
  if (BUILTINS.has(specifier) || BUILTINS.has(parts[0] as string)) return undefined
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] ? `${parts[0]}/${parts[1]}` : undefined
  return parts[0]
}

/** The DefinitelyTyped package for a package's types: lodash -> @types/lodash, @scope/pkg -> @types/scope__pkg. */
export function typesPackageOf(pkg: string): string {
  return pkg.startsWith('@') ? `@types/${pkg.slice(1).replace('/', '__')}` : `@types/${pkg}`
}
