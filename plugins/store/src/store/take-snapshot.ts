/**
 * A package's stat snapshot (snapshot.ts), taken from its index: the stats the last check
 * accepted, never the stats of this moment, so a file changed since that check cannot slip in.
 * The package directory itself ("."), which no index records (writing the index changes it), is
 * taken now: it changes when index.json is removed or replaced, which sends the next no-op to the
 * cheap check, and that rebuilds the index.
 */
import {readIndex, statOf} from './index-file.js'
import {hexOf, packageDir} from './layout.js'
import type {Snapshot} from './snapshot.js'

export function takeSnapshot(integrity: string, env: NodeJS.ProcessEnv = process.env): Snapshot | undefined {
  if (hexOf(integrity) === undefined) return undefined
  const dir = packageDir(integrity, env)
  const canonical = `sha256:${dir.slice(-64)}`
  const index = readIndex(dir, canonical)
  const self = statOf(dir)
  if (!index?.dirs || !self) return undefined
  return {
    dir,
    dirs: [['.', String(self.mtimeNs), String(self.ctimeNs), String(self.ino)], ...Object.entries(index.dirs).map(([path, e]): [string, string, string, string] => [path, e.mtimeNs, e.ctimeNs, e.ino])],
    files: Object.entries(index.entries).map(([path, e]) => [path, e.size, e.mtimeNs, e.ctimeNs, e.ino]),
    integrity: canonical,
  }
}
