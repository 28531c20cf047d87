/**
 * `aigogo add file`: append paths and globs to files.include. Paths are stored relative to the
 * manifest directory wherever the command runs (upstream stores them as typed, §11.1.8), and
 * globs are checked with the same "**" matcher that build uses (§11.1.7).
 */
import {type PackageManifest, preconditionError, usageError} from '@aigogo/sdk/core'
import {stat} from 'node:fs/promises'
import {isAbsolute, relative, resolve, sep} from 'node:path'

import {loadIgnoreRules} from '../files/ignore-rules.js'
import {includeMatcher, includePatterns, isGlob, normalizePattern} from '../files/include.js'
import {walkFiles} from '../files/walk.js'
import {loadNearestManifest, saveManifest} from '../manifest/load.js'

export interface AddFilesOptions {
  cwd: string
  paths: readonly string[]
  force?: boolean
}

export interface AddFilesResult {
  manifestPath: string
  added: string[]
  skipped: Array<{path: string; reason: string}>
  /** Globs some of whose matches are ignored (and so will not be packaged). */
  notes: Array<{pattern: string; ignored: number}>
}

/** `path` (relative to cwd) as a forward-slash path relative to the manifest directory. */
function rebase(path: string, cwd: string, manifestDir: string): string {
  const rel = relative(manifestDir, resolve(cwd, path))
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw usageError('PATH_OUTSIDE_PACKAGE', `${path} is not inside the package directory ${manifestDir}`, ['add only files under the directory that holds aigogo.json'], {path})
  }
  return normalizePattern(rel.split(sep).join('/'))
}

export async function addFiles(options: AddFilesOptions): Promise<AddFilesResult> {
  if (options.paths.length === 0) throw usageError('USAGE', 'give at least one file path or glob', ['aigogo add file utils.py "src/**/*.py"'])
  const loaded = await loadNearestManifest(options.cwd)
  const existing = includePatterns(loaded.manifest)
  if (existing === 'auto') {
    throw preconditionError('INCLUDE_IS_AUTO', 'files.include is "auto": every source file is already packaged', [
      'to list files by hand, set "files": {"include": []} in aigogo.json, then add them',
    ])
  }
  const rules = await loadIgnoreRules(loaded.dir, loaded.manifest)
  let everyFile: string[] | undefined
  const result: AddFilesResult = {added: [], manifestPath: loaded.path, notes: [], skipped: []}
  const planned = new Set(existing)
  for (const typed of options.paths) {
    const pattern = rebase(typed, options.cwd, loaded.dir)
    if (planned.has(pattern)) {
      result.skipped.push({path: pattern, reason: 'already in the include list'})
      continue
    }
    if (isGlob(pattern)) {
      everyFile ??= await walkFiles(loaded.dir, {skip: (path, isDir) => isDir && /(^|\/)(\.git|node_modules)$/.test(path)})
      const matches = everyFile.filter(await includeMatcher([pattern]))
      if (matches.length === 0) {
        throw preconditionError('GLOB_NO_MATCH', `"${typed}" matches no files in ${loaded.dir}`, ['check the pattern; "**" matches any number of directories, for example "src/**/*.py"'], {pattern})
      }
      const ignored = matches.filter((m) => rules.ignores(m, false) || m.split('/').slice(0, -1).some((_, i, parts) => rules.ignores(parts.slice(0, i + 1).join('/'), true))).length
      if (ignored > 0 && !options.force) result.notes.push({ignored, pattern})
    } else {
      const info = await stat(resolve(loaded.dir, pattern)).catch(() => undefined)
      if (!info) throw preconditionError('FILE_NOT_FOUND', `${typed} does not exist`, ['check the path; it is relative to the current directory'], {path: typed})
      const reason = options.force ? undefined : rules.reason(pattern, info.isDirectory())
      if (reason !== undefined) {
        result.skipped.push({path: pattern, reason: `ignored by ${reason}; use --force to add it anyway`})
        continue
      }
    }
    planned.add(pattern)
    result.added.push(pattern)
  }
  if (result.added.length > 0) {
    const manifest: PackageManifest = {...loaded.manifest, files: {...loaded.manifest.files, include: [...existing, ...result.added]}}
    await saveManifest(loaded.path, manifest)
  }
  return result
}
