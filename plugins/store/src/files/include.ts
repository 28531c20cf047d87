/**
 * Include patterns: "auto" (the language's extensions, from its providers) or globs with real "**" semantics. A pattern that
 * names a directory includes everything under it (upstream matches nothing, spec §11.1.7).
 */
import type {PackageManifest} from '@aigogo/sdk/core'

/** "include": "auto" for a language with these extensions. */
export function autoPatterns(extensions: readonly string[]): string[] {
  return extensions.map((extension) => `**/*${extension}`)
}

/** The include patterns, or "auto". An empty list means nothing was added yet. */
export function includePatterns(manifest: PackageManifest): 'auto' | string[] {
  const include = manifest.files.include
  if (include === 'auto') return 'auto'
  if (typeof include === 'string') return [include]
  return include ?? []
}

/** Strips "./" and a trailing "/" so patterns are written like relative paths. */
export function normalizePattern(pattern: string): string {
  return pattern.replace(/^(\.\/)+/, '').replace(/\/+$/, '')
}

export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern)
}

/** A matcher for relative, forward-slash paths. picomatch is loaded here, not with the module: "auto" needs no glob. */
export async function includeMatcher(patterns: readonly string[]): Promise<(path: string) => boolean> {
  const all = patterns.map(normalizePattern).flatMap((p) => [p, `${p}/**`])
  const {default: picomatch} = await import('picomatch')
  return picomatch(all, {dot: true})
}

const PLAIN_EXTENSION = /^\.[A-Za-z0-9_+-]+$/

/**
 * "include": "auto" without compiling globs: the same answers as includeMatcher(autoPatterns(extensions))
 * ("*.py" at any depth and everything under a "*.py" folder, dot files included: a path one of whose
 * segments ends with an extension),
 * for extensions of letters, digits, "_", "+" and "-" (what the SDK lets a language declare); others
 * go through picomatch. test/include-auto.test.ts compares the two.
 */
export async function autoMatcher(extensions: readonly string[]): Promise<(path: string) => boolean> {
  if (!extensions.every((extension) => PLAIN_EXTENSION.test(extension))) return includeMatcher(autoPatterns(extensions))
  const ends = [...extensions]
  const inner = ends.map((extension) => `${extension}/`)
  return (path) => {
    for (let i = 0; i < ends.length; i++) if (path.endsWith(ends[i] as string) || path.includes(inner[i] as string)) return true
    return false
  }
}

/** `extensions`: the language's, for "auto" (the caller asks the language's providers). */
export function patternsFor(manifest: PackageManifest, extensions: readonly string[]): readonly string[] {
  const patterns = includePatterns(manifest)
  return patterns === 'auto' ? autoPatterns(extensions) : patterns
}
