/**
 * rm -rf that also removes read-only trees (stored packages are 0444 files in 0555 folders)
 * for a non-root user, and never follows a symlink: a link is removed, not what it points at.
 */
import {rmSync} from 'node:fs'
import {chmod, lstat, readdir} from 'node:fs/promises'
import {join} from 'node:path'

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755).catch(() => {})
  const entries = await readdir(dir, {withFileTypes: true}).catch(() => [])
  // Dirent.isDirectory() is false for a symlink: links are never entered or chmod-ed.
  await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => makeWritable(join(dir, e.name))))
}

// Synchronous: fs.rm's async walk pays a thread-pool round trip per entry; for the 2,000 files of
// a replaced build, rmSync took half the time (36-48 ms against 50-110 ms on tmpfs).
const rm = async (path: string, options: {force: boolean; recursive: boolean}): Promise<void> => rmSync(path, options)

export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, {force: true, recursive: true})
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EACCES' && code !== 'EPERM') throw error
    const info = await lstat(path).catch(() => undefined)
    if (!info?.isDirectory()) throw error
    await makeWritable(path)
    await rm(path, {force: true, recursive: true})
  }
}
