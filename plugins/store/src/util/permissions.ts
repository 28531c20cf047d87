/**
 * Read-only package trees: files 0444 and directories 0555, so nothing edits a stored
 * package through an import link. Removing such a tree needs its directories writable first.
 */
import {chmodSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

export {removeTree} from '@aigogo/sdk/core'

/**
 * Synchronous: one chmod per file of a package being admitted, and for hundreds of small files
 * the thread-pool round trip of each async chmod cost several times the call.
 */
export async function makeReadOnly(dir: string): Promise<void> {
  makeReadOnlySync(dir)
}

function makeReadOnlySync(dir: string): void {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) makeReadOnlySync(path)
    else if (entry.isFile()) chmodSync(path, 0o444)
  }
  chmodSync(dir, 0o555)
}
