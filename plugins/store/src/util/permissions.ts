/**
 * Read-only package trees: files 0444 and directories 0555, so nothing edits a stored
 * package through an import link. Removing such a tree needs its directories writable first.
 */
import {chmod, readdir, rm} from 'node:fs/promises'
import {join} from 'node:path'

export async function makeReadOnly(dir: string): Promise<void> {
  const entries = await readdir(dir, {withFileTypes: true})
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await makeReadOnly(path)
      else if (entry.isFile()) await chmod(path, 0o444)
    }),
  )
  await chmod(dir, 0o555)
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755).catch(() => {})
  const entries = await readdir(dir, {withFileTypes: true}).catch(() => [])
  await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => makeWritable(join(dir, e.name))))
}

/** rm -rf that also works on read-only trees for a non-root user (upstream bug §11.1.14). */
export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, {force: true, recursive: true})
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EACCES' && code !== 'EPERM') throw error
    await makeWritable(path)
    await rm(path, {force: true, recursive: true})
  }
}
