/**
 * A sorted, lexical walk of a package directory. Ignored directories are pruned, so their
 * contents are never read. Symbolic links to files count as files (read through the link);
 * links to directories are not followed.
 */
import {type Dirent} from 'node:fs'
import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'

export interface WalkOptions {
  /** Skip (and prune) what this returns true for. */
  skip?: (path: string, isDir: boolean) => boolean
}

async function isFileLink(absolute: string): Promise<boolean> {
  return stat(absolute).then((s) => s.isFile(), () => false)
}

/** Relative paths (forward slashes) of the files under dir, in walk order. */
export async function walkFiles(dir: string, options: WalkOptions = {}): Promise<string[]> {
  const out: string[] = []
  const visit = async (relDir: string): Promise<void> => {
    const entries: Dirent[] = await readdir(relDir === '' ? dir : join(dir, relDir), {withFileTypes: true})
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`
      if (entry.isDirectory()) {
        if (!options.skip?.(rel, true)) await visit(rel)
      } else if (entry.isFile() || (entry.isSymbolicLink() && (await isFileLink(join(dir, rel))))) {
        if (!options.skip?.(rel, false)) out.push(rel)
      }
    }
  }
  await visit('')
  return out
}
