/** Finding aigogo.lock and .aigogo/ with node: built-ins only (the no-op install path imports this). */
import {stat} from 'node:fs/promises'
import {dirname, join} from 'node:path'

export const LOCK_FILE_NAME = 'aigogo.lock'
export const AIGOGO_DIR = '.aigogo'

export function aigogoDirOf(projectDir: string): string {
  return join(projectDir, AIGOGO_DIR)
}

/** The nearest aigogo.lock from startDir upwards (upstream walks up to the filesystem root). */
export async function findLockFile(startDir: string): Promise<string | undefined> {
  let dir = startDir
  for (;;) {
    const candidate = join(dir, LOCK_FILE_NAME)
    if (await stat(candidate).then((s) => s.isFile(), () => false)) return candidate
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
