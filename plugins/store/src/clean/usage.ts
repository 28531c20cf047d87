/**
 * Disk usage of the exec environments, the cache, the store and the stages killed commands left
 * behind, and their removal (`aigogo clean`). Exec environments are AIGOGO_HOME/envs/<hash>/,
 * the directory `aigogo exec` builds (upstream's layout, shared with the Go tool).
 */
import {type StaleStage, aigogoDirs, findStaleStages, removeTree, stageAreas} from '@aigogo/sdk/core'
import {lstat, readdir} from 'node:fs/promises'
import {join} from 'node:path'

export type Area = 'envs' | 'cache' | 'store' | 'leftovers'

/** Upstream's order: envs, cache, store; then ours. */
export const AREAS: readonly Area[] = ['envs', 'cache', 'store', 'leftovers']

export const AREA_LABELS: Record<Area, string> = {cache: 'Build/pull cache', envs: 'Exec environments', leftovers: 'Leftover stages', store: 'Package store'}

function areaPath(area: Exclude<Area, 'leftovers'>, env: NodeJS.ProcessEnv): string {
  const dirs = aigogoDirs(env)
  return area === 'envs' ? join(dirs.home, 'envs') : dirs[area]
}

export interface AreaUsage {
  area: Area
  path: string
  bytes: number
  /** Top-level entries: environments for envs, local builds for the cache, stored packages for the store, stages for leftovers. */
  items: number
  /** leftovers: each stage whose owner process is gone (tmp/store-*, tmp/build-*, plugins/.staging-*, .<file>.tmp-*). */
  stages?: {path: string; pid: number; bytes: number}[]
}

/** Stages of dead commands in every place aigogo stages, past the grace time (see the SDK's stages.ts). */
async function staleStages(env: NodeJS.ProcessEnv): Promise<StaleStage[]> {
  const found = await Promise.all(stageAreas(aigogoDirs(env)).map((a) => findStaleStages(a.dir, a.prefixes, {measure: true})))
  return found.flat()
}

async function treeSize(path: string): Promise<number> {
  const info = await lstat(path).catch(() => undefined)
  if (!info) return 0
  if (!info.isDirectory()) return info.size
  const entries = await readdir(path).catch(() => [])
  const sizes = await Promise.all(entries.map((e) => treeSize(join(path, e))))
  return sizes.reduce((a, b) => a + b, 0)
}

async function countItems(area: Area, path: string): Promise<number> {
  if (area === 'cache' || area === 'envs') return (await readdir(path).catch(() => [])).length
  // store/sha256/<hh>/<hash>: count packages, not shards.
  const shards = await readdir(join(path, 'sha256')).catch(() => [])
  const counts = await Promise.all(shards.map((s) => readdir(join(path, 'sha256', s)).then((e) => e.length, () => 0)))
  return counts.reduce((a, b) => a + b, 0)
}

export async function areaUsage(area: Area, env: NodeJS.ProcessEnv = process.env): Promise<AreaUsage> {
  if (area === 'leftovers') {
    const stages = await staleStages(env)
    return {area, bytes: stages.reduce((t, s) => t + s.bytes, 0), items: stages.length, path: aigogoDirs(env).home, stages}
  }
  const path = areaPath(area, env)
  const [bytes, items] = await Promise.all([treeSize(path), countItems(area, path)])
  return {area, bytes, items, path}
}

/** Removes the area (read-only store trees included); returns what it held. */
export async function cleanArea(area: Area, env: NodeJS.ProcessEnv = process.env): Promise<AreaUsage> {
  const usage = await areaUsage(area, env)
  if (usage.stages) for (const stage of usage.stages) await removeTree(stage.path)
  else await removeTree(usage.path)
  return usage
}

/** "512 B", "1.4 KB", "39.3 MB" (1024 steps, upstream's format). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['K', 'M', 'G', 'T', 'P', 'E']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}B`
}
