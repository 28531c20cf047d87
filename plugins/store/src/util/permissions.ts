/**
 * Read-only package trees: files 0444 and directories 0555, so nothing edits a stored
 * package through an import link. Removing such a tree needs its directories writable first.
 */
import {chmod, readdir} from 'node:fs/promises'
import {join} from 'node:path'

export {removeTree} from '@aigogo/sdk/core'

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
