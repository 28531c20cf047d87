/** `aigogo rm file`: take entries out of files.include (paths rebased like add file). */
import {preconditionError, usageError} from '@aigogo/sdk/core'
import {relative, resolve, sep} from 'node:path'

import {includePatterns, normalizePattern} from '../files/include.js'
import {loadNearestManifest, saveManifest} from '../manifest/load.js'

export async function removeFiles(cwd: string, paths: readonly string[]): Promise<{manifestPath: string; removed: string[]; remaining: string[]}> {
  if (paths.length === 0) throw usageError('USAGE', 'give the file paths or globs to remove', ['aigogo rm file utils.py'])
  const loaded = await loadNearestManifest(cwd)
  const existing = includePatterns(loaded.manifest)
  if (existing === 'auto') {
    throw preconditionError('INCLUDE_IS_AUTO', 'files.include is "auto": there is no list to remove files from', ['use "files.exclude" or .aigogoignore to leave files out'])
  }
  const wanted = paths.map((p) => normalizePattern(relative(loaded.dir, resolve(cwd, p)).split(sep).join('/')))
  const missing = paths.filter((_, i) => !existing.includes(wanted[i] as string))
  if (missing.length > 0) {
    throw preconditionError('FILE_NOT_LISTED', `not in the include list: ${missing.join(', ')}`, [
      existing.length > 0 ? `the list holds: ${existing.join(', ')}` : 'the include list is empty',
    ])
  }
  const remaining = existing.filter((p) => !wanted.includes(p))
  await saveManifest(loaded.path, {...loaded.manifest, files: {...loaded.manifest.files, include: remaining}})
  return {manifestPath: loaded.path, removed: existing.filter((p) => wanted.includes(p)), remaining}
}
