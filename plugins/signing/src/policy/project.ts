/** The project a `--project` policy belongs to: the directory of the nearest aigogo.lock, else cwd (where `aigogo add` would create it). */
import {stat} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'

const LOCK_FILE = 'aigogo.lock'

export async function projectDirFrom(cwd: string): Promise<{dir: string; hasLock: boolean}> {
  let dir = resolve(cwd)
  for (;;) {
    if (await stat(join(dir, LOCK_FILE)).then((s) => s.isFile(), () => false)) return {dir, hasLock: true}
    const parent = dirname(dir)
    if (parent === dir) return {dir: resolve(cwd), hasLock: false}
    dir = parent
  }
}
