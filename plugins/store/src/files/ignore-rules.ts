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
  /** Why it is left out: ".aigogoignore:<line>: <text>" or the pattern; undefined when kept. */
  reason(path: string, isDir: boolean): string | undefined
}

export async function loadIgnoreRules(dir: string, manifest: PackageManifest): Promise<IgnoreRules> {
  const matcher: Ignore = ignore().add([...DEFAULT_EXCLUDES])
  matcher.add((manifest.files.exclude ?? []).map((pattern) => ({pattern})))
  const text = await readFile(join(dir, IGNORE_FILE), 'utf8').catch(() => '')
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    matcher.add({mark: `${IGNORE_FILE}:${i + 1}: ${line}`, pattern: line})
  })
  const key = (path: string, isDir: boolean): string => (isDir ? `${path}/` : path)
  return {
    ignores: (path, isDir) => matcher.ignores(key(path, isDir)),
    reason(path, isDir) {
      const result = matcher.checkIgnore(key(path, isDir))
      if (!result.ignored) return undefined
      return result.rule?.mark ?? result.rule?.pattern ?? 'a parent directory'
    },
  }
}
