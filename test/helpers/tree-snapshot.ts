/**
 * A directory tree as a plain object, to prove that a refused or failed command wrote nothing:
 * take one before, one after, and compare them.
 */
import {createHash} from 'node:crypto'
import {lstat, readdir, readFile, readlink} from 'node:fs/promises'
import {join} from 'node:path'

const utf8 = new TextDecoder('utf-8', {fatal: true})

/**
 * Every path under `root` (links not followed), keyed "." and "./a/b": "dir", "-> target" for a
 * link, a file's text (or "sha256:…" when it is not UTF-8). A missing root gives {}. `skip` leaves
 * out paths relative to root ("a/b") with all below them.
 */
export async function snapshotTree(root: string, options: {skip?: readonly string[]} = {}): Promise<Record<string, string>> {
  const skip = new Set((options.skip ?? []).map((path) => `./${path}`))
  const out: Record<string, string> = {}
  async function walk(path: string, rel: string): Promise<void> {
    if (skip.has(rel)) return
    const info = await lstat(path).catch(() => undefined)
    if (!info) return
    if (info.isSymbolicLink()) out[rel] = `-> ${await readlink(path)}`
    else if (info.isDirectory()) {
      out[rel] = 'dir'
      for (const entry of (await readdir(path)).sort()) await walk(join(path, entry), `${rel}/${entry}`)
    } else out[rel] = fileValue(await readFile(path))
  }
  await walk(root, '.')
  return out
}

function fileValue(bytes: Buffer): string {
  try {
    return utf8.decode(bytes)
  } catch {
    return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
  }
}
