/**
 * The files a package consists of: auto discovery or the include patterns, minus the
 * ignore rules. aigogo.json is never in the list (the caller adds it).
 */
import {type PackageManifest, preconditionError, isSafeRelativePath} from '@aigogo/sdk/core'

import {loadIgnoreRules} from './ignore-rules.js'
import {stat} from 'node:fs/promises'
import {join} from 'node:path'

import {autoMatcher, includeMatcher, includePatterns, isGlob, normalizePattern, patternsFor} from './include.js'
import {walkFiles} from './walk.js'

import {BUILTIN_LANGUAGES} from '../languages/builtin.js'
import {sortPaths} from './sort-paths.js'

export {sortPaths}

/** The extensions of aigogo's own languages, for callers that did not ask the language's providers. */
export function builtinExtensions(language: string): readonly string[] {
  return (BUILTIN_LANGUAGES as Record<string, {extensions: readonly string[]} | undefined>)[language]?.extensions ?? []
}

/** `extensions`: the language's, from its providers (used for "include": "auto"). */
export async function discoverFiles(dir: string, manifest: PackageManifest, extensions: readonly string[] = builtinExtensions(manifest.language.name)): Promise<string[]> {
  const patterns = includePatterns(manifest)
  if (patterns !== 'auto' && patterns.length === 0) {
    throw preconditionError('NO_FILES_SPECIFIED', 'aigogo.json lists no files and auto-discovery is off', [
      'add files: aigogo add file <path|glob>...',
      'or set "files": {"include": "auto"} to package every source file of the language',
    ])
  }
  const rules = await loadIgnoreRules(dir, manifest)
  const included = patterns === 'auto' ? await autoMatcher(extensions) : await includeMatcher(patternsFor(manifest, extensions))
  const files = await walkFiles(dir, {skip: (path, isDir) => rules.ignoresInKeptDir(path, isDir)})
  const found = files.filter((path) => included(path))
  // A file listed by its exact path is packaged even when an ignore rule matches it
  // (that is what `add file --force` asks for); aigogo.json is always added by build itself.
  if (patterns !== 'auto') {
    const have = new Set(found)
    for (const literal of patterns.filter((p) => !isGlob(p)).map(normalizePattern)) {
      if (have.has(literal) || literal === 'aigogo.json' || !isSafeRelativePath(literal)) continue
      if (await stat(join(dir, literal)).then((s) => s.isFile(), () => false)) {
        found.push(literal)
        have.add(literal)
      }
    }
  }
  return sortPaths(found)
}
