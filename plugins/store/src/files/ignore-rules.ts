/**
 * What a package leaves out, with full gitignore semantics (negation, anchoring,
 * directory-only patterns, "**"): the default excludes, then "files.exclude", then
 * .aigogoignore, the last matching rule winning (upstream's order, spec §4.2).
 */
import type {PackageManifest} from '@aigogo/sdk/core'

import ignore, {type Ignore} from 'ignore'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

export const IGNORE_FILE = '.aigogoignore'

export const DEFAULT_EXCLUDES = [
  '.git/', '.svn/', '.hg/', 'node_modules/', 'venv/', '.venv/', 'env/', '__pycache__/', '*.pyc', '.eggs/', '*.egg-info/',
  'dist/', 'build/', 'target/', '*.so', '*.dylib', '*.dll', '*.exe', '.vscode/', '.idea/', '*.swp', '*.swo', '.DS_Store',
  '.aigogo/', 'aigogo.json',
] as const

export interface IgnoreRules {
  /** True when the path (relative, forward slashes; directories with isDir) is left out. */
  ignores(path: string, isDir: boolean): boolean
  /**
   * The same answer for a path whose directories are all kept, as in a walk that prunes ignored
   * directories; faster (by the entry's name alone when every rule matches by name).
   */
  ignoresInKeptDir(path: string, isDir: boolean): boolean
  /** Why it is left out: ".aigogoignore:<line>: <text>" or the pattern; undefined when kept. */
  reason(path: string, isDir: boolean): string | undefined
}

/**
 * A pattern that can only match an entry by its own name ("*.pyc", "venv/", "!keep.py"): no slash
 * but a trailing one. Such a rule matches "a/b/x.pyc" exactly when it matches "x.pyc".
 */
const byNameOnly = (pattern: string): boolean => !pattern.replace(/^!/, '').replace(/\/$/, '').includes('/')

export async function loadIgnoreRules(dir: string, manifest: PackageManifest): Promise<IgnoreRules> {
  const matcher: Ignore = ignore().add([...DEFAULT_EXCLUDES])
  const patterns: string[] = [...DEFAULT_EXCLUDES, ...(manifest.files.exclude ?? [])]
  matcher.add((manifest.files.exclude ?? []).map((pattern) => ({pattern})))
  const text = await readFile(join(dir, IGNORE_FILE), 'utf8').catch(() => '')
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    matcher.add({mark: `${IGNORE_FILE}:${i + 1}: ${line}`, pattern: line})
    patterns.push(line)
  })
  const key = (path: string, isDir: boolean): string => (isDir ? `${path}/` : path)
  // When every rule matches by name alone, an entry whose directories are kept (the walk prunes
  // the others) is decided by its name: a build of 2,000 files in 40 folders asks about 90 names,
  // not 2,000 paths against every rule (a third of the walk's time).
  const byName = patterns.every(byNameOnly) ? new Map<string, boolean>() : undefined
  return {
    ignores: (path, isDir) => matcher.ignores(key(path, isDir)),
    ignoresInKeptDir(path, isDir) {
      if (!byName) return matcher.ignores(key(path, isDir))
      const name = key(path.slice(path.lastIndexOf('/') + 1), isDir)
      let ignored = byName.get(name)
      if (ignored === undefined) byName.set(name, (ignored = matcher.ignores(name)))
      return ignored
    },
    reason(path, isDir) {
      const result = matcher.checkIgnore(key(path, isDir))
      if (!result.ignored) return undefined
      return result.rule?.mark ?? result.rule?.pattern ?? 'a parent directory'
    },
  }
}
