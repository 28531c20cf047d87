/**
 * The no-op fast path of `aigogo install`. After a successful install, .aigogo/.install-stamp
 * holds a hash of everything the result depends on (the lock bytes, the Python choice inputs,
 * AIGOGO_HOME) plus the paths it produced and the store's snapshots of the packages. When the
 * hash matches, those paths still exist and the store finds its snapshots unchanged (or, failing
 * that, the package passes its cheap check), there is nothing to do. This module imports only
 * node: built-ins so that it stays cheap to load (the kernel fast path calls it without oclif).
 */
import {createHash} from 'node:crypto'
import {access, readFile} from 'node:fs/promises'
import {join} from 'node:path'

export const STAMP_FILE = '.install-stamp'
// 2: the stamp keeps the store's snapshots of the installed packages.
export const STAMP_FORMAT = 2

export interface StampInputs {
  lockText: string
  projectDir: string
  home: string
  python: string | undefined
  env: NodeJS.ProcessEnv
}

export interface Stamp {
  format: number
  key: string
  /** Paths whose disappearance invalidates the install: the .pth file (store packages pass the store's check instead). */
  paths: string[]
  /**
   * Paths whose appearance invalidates it: the pyvenv.cfg of each environment that would now be
   * chosen before the one the .pth went into (a `.venv` created after an install without one).
   */
  absent?: string[]
  packages: number
  /**
   * The store's stat snapshots of the installed packages (opaque here: the store owns their
   * format), taken after each passed its check; while they hold, the no-op install reads no index.
   */
  store?: unknown[]
}

export function stampKey(inputs: StampInputs): string {
  const {env} = inputs
  return createHash('sha256')
    .update(JSON.stringify([STAMP_FORMAT, inputs.lockText, inputs.projectDir, inputs.home, inputs.python ?? '', env.VIRTUAL_ENV ?? '', env.UV_PROJECT_ENVIRONMENT ?? '', env.PATH ?? '']))
    .digest('hex')
}

/** The stamp when the install it describes is still current, else undefined. */
export async function currentStamp(aigogoDir: string, inputs: StampInputs): Promise<Stamp | undefined> {
  const text = await readFile(join(aigogoDir, STAMP_FILE), 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  let stamp: Stamp
  try {
    stamp = JSON.parse(text) as Stamp
  } catch {
    return undefined
  }
  if (stamp.format !== STAMP_FORMAT || stamp.key !== stampKey(inputs)) return undefined
  const present = await Promise.all([join(aigogoDir, 'imports'), ...stamp.paths].map((p) => access(p).then(() => true, () => false)))
  if (!present.every(Boolean)) return undefined
  const appeared = await Promise.all((stamp.absent ?? []).map((p) => access(p).then(() => true, () => false)))
  return appeared.some(Boolean) ? undefined : stamp
}
