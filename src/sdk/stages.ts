/**
 * Staging entries (a folder or file filled, then renamed into place) carry their owner's pid in
 * their name: `<prefix><pid>-<hex>`. A command killed mid-work leaves its stage behind; the next
 * command that opens a stage in the same folder removes the ones whose owner is gone.
 */
import {lstat, readdir} from 'node:fs/promises'
import {join} from 'node:path'

import {removeTree} from './remove-tree.js'

/**
 * How old (last modified) a stage of a dead owner must be before it is removed. A pid that is
 * not alive here may belong to a process on another host or in another container sharing
 * AIGOGO_HOME; a short wait keeps such a stage that is still being written.
 */
export const STAGE_GRACE_MS = 60_000

/**
 * After the prefix: `<pid>-<hex>` (stageName) or `<label>-<pid>-<hex>` (atomic-fs), optionally
 * followed by `.old` (a stage's own trash).
 */
const OWNER = /(?:^|-)(\d+)-[0-9a-f]{8,}(?:\.[a-z]+)?$/

/**
 * Random hex for a unique name, beside the pid. Math.random (seeded by V8 from the system's
 * entropy in every process), not node:crypto, which costs 1.5-4 ms to load for a command that
 * writes one file (`add file`, `config set`): a stage is created exclusively (O_EXCL, mkdir), so
 * its name must be unique, not unpredictable.
 */
export function randomHex(bytes: number): string {
  let hex = ''
  while (hex.length < bytes * 2) hex += Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0')
  return hex.slice(0, bytes * 2)
}

export function stageName(prefix: string): string {
  return `${prefix}${process.pid}-${randomHex(6)}`
}

/** The pid in a stage name made by stageName (or atomic-fs's stagingPathFor), or undefined. */
export function stageOwner(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined
  const match = OWNER.exec(name.slice(prefix.length))
  if (!match) return undefined
  const pid = Number(match[1])
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
}

/** Whether a process with this pid exists (EPERM: it does, but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

export interface StaleStage {
  path: string
  pid: number
  /** Bytes held (files counted by size, links not followed). */
  bytes: number
}

async function treeBytes(path: string): Promise<number> {
  const info = await lstat(path).catch(() => undefined)
  if (!info) return 0
  if (!info.isDirectory()) return info.size
  const entries = await readdir(path).catch(() => [])
  let total = 0
  for (const entry of entries) total += await treeBytes(join(path, entry))
  return total
}

export interface StageScanOptions {
  graceMs?: number
  now?: number
  /** Also count the bytes of each stale stage (for `aigogo clean`). */
  measure?: boolean
}

/** Stages in `dir` named with one of `prefixes` whose owner is gone and that are past the grace time. */
export async function findStaleStages(dir: string, prefixes: readonly string[], options: StageScanOptions = {}): Promise<StaleStage[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  const grace = options.graceMs ?? STAGE_GRACE_MS
  const now = options.now ?? Date.now()
  const stale: StaleStage[] = []
  for (const name of names) {
    const prefix = prefixes.find((p) => name.startsWith(p))
    const pid = prefix === undefined ? undefined : stageOwner(name, prefix)
    if (pid === undefined || isProcessAlive(pid)) continue
    const path = join(dir, name)
    const info = await lstat(path).catch(() => undefined)
    if (!info || now - info.mtimeMs < grace) continue
    stale.push({bytes: options.measure ? await treeBytes(path) : 0, path, pid})
  }
  return stale
}

/** Removes the stale stages of `dir` (see findStaleStages); a failure to remove one is not an error. */
export async function sweepStaleStages(dir: string, prefixes: readonly string[], options: StageScanOptions = {}): Promise<StaleStage[]> {
  const stale = await findStaleStages(dir, prefixes, options)
  const removed: StaleStage[] = []
  for (const stage of stale) {
    // A leftover we cannot remove must not stop the command that is about to do real work.
    if (await removeTree(stage.path).then(() => true, () => false)) removed.push(stage)
  }
  return removed
}

/** Where aigogo's own stages live in AIGOGO_HOME, and their name prefixes. */
export function stageAreas(dirs: {home: string; tmp: string; plugins: string; state: string; cache: string; store: string}): {dir: string; prefixes: string[]}[] {
  return [
    {dir: dirs.tmp, prefixes: [...TMP_STAGE_PREFIXES]},
    // plugin host stages (.staging-<name>-<pid>-<hex>) and atomic-fs siblings (.<file>.tmp-<pid>-<hex>).
    {dir: dirs.plugins, prefixes: ['.']},
    {dir: dirs.state, prefixes: ['.']},
    {dir: dirs.cache, prefixes: ['.']},
    {dir: dirs.home, prefixes: ['.']},
  ]
}

/** AIGOGO_HOME/tmp: the store's stages (store-) and the build cache's (build-). */
export const TMP_STAGE_PREFIXES = ['store-', 'build-'] as const

/** The plugin host's install and remove stages in AIGOGO_HOME/plugins. */
export const PLUGIN_STAGE_PREFIX = '.staging-'

const swept = new Set<string>()

/** sweepStaleStages at most once per process and folder: for the points where a command opens a stage. */
export async function sweepStaleStagesOnce(dir: string, prefixes: readonly string[]): Promise<void> {
  const key = `${dir}\0${prefixes.join('\0')}`
  if (swept.has(key)) return
  swept.add(key)
  await sweepStaleStages(dir, prefixes)
}
