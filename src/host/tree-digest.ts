/**
 * A sha256 over a file or folder tree as placed in a target: names, kinds, file contents and
 * link targets (not modes or times). The host records it for every asset it places, so it can
 * tell its own copy from a file the user put there or changed since.
 */
import {createHash} from 'node:crypto'
import {lstat, readdir, readFile, readlink} from 'node:fs/promises'
import {join} from 'node:path'

/** undefined when nothing is at `path`. */
export async function treeDigest(path: string): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined)
  if (!info) return undefined
  const hash = createHash('sha256')
  if (info.isSymbolicLink()) hash.update(`link\0${await readlink(path)}`)
  else if (info.isDirectory()) {
    hash.update('dir\0')
    for (const entry of (await readdir(path)).sort()) hash.update(`${entry}\0${await treeDigest(join(path, entry))}\0`)
  } else if (info.isFile()) hash.update('file\0').update(await readFile(path))
  else hash.update(`other\0${info.mode}`)
  return `sha256:${hash.digest('hex')}`
}
