/**
 * Copies a list of relative files between directories with fs.copyFile (the kernel copies;
 * no bytes pass through JavaScript), a bounded number at a time.
 */
import {preconditionError} from '@aigogo/sdk'
import {copyFile, mkdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'

const PARALLEL = 32

export async function copyFiles(fromDir: string, toDir: string, files: readonly string[]): Promise<void> {
  const made = new Set<string>()
  const dirs = [...new Set(files.map((f) => dirname(f)))].sort()
  for (const d of dirs) {
    if (d === '.' || made.has(d)) continue
    await mkdir(join(toDir, d), {recursive: true})
    made.add(d)
  }
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++] as string
      await copyFile(join(fromDir, file), join(toDir, file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
        throw preconditionError('PACKAGE_FILE_MISSING', `package file ${file} does not exist in ${fromDir}`, [
          'check the file list; rebuild the package if it came from a build: aigogo build --force',
        ], {file})
      })
    }
  }
  await Promise.all(Array.from({length: Math.min(PARALLEL, files.length)}, worker))
}

/** Refuses paths that could leave the directory they are relative to. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
}
