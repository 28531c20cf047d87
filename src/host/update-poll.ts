/**
 * The background update check, run detached by the banner (node update-poll.js <kernel-version>):
 * the prefix-aware latest release of the kernel and of every installed plugin, written to
 * state/update-check.json. Any failure leaves the cache as it was; it retries next time.
 */
import {aigogoDirs, withLock} from '@aigogo/sdk'
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {readFirstPartyRegistry} from './first-party-registry.js'
import {githubClient} from './github-http.js'
import {latestRelease} from './github-releases.js'
import {KERNEL_ROOT} from './kernel-root.js'
import {readPluginState} from './plugin-state.js'
import {type UpdateCache, type UpdateRow, updateCachePath, writeCache} from './update-banner.js'

async function latestOrUndefined(client: ReturnType<typeof githubClient>, repo: string, prefix: string): Promise<string | undefined> {
  try {
    return (await latestRelease(client, repo, prefix))?.version
  } catch {
    return undefined
  }
}

export async function pollUpdates(kernelVersion: string, env: NodeJS.ProcessEnv = process.env): Promise<UpdateCache> {
  const dirs = aigogoDirs(env)
  const client = githubClient(env, {timeoutMs: Number(env.AIGOGO_HTTP_TIMEOUT_MS) || 10_000})
  const registry = await readFirstPartyRegistry(KERNEL_ROOT)
  const state = await readPluginState(dirs.state).catch(() => ({plugins: []}))
  const kernelLatest = await latestOrUndefined(client, registry.kernel.repo, registry.kernel.tagPrefix)
  const plugins: UpdateRow[] = []
  for (const record of state.plugins) {
    if (record.kind !== 'installed' || !record.source) continue
    const latest = await latestOrUndefined(client, record.source.repo, record.source.tagPrefix)
    if (latest) plugins.push({current: record.version, latest, name: record.name})
  }
  const file = updateCachePath(dirs.home)
  mkdirSync(join(dirs.home, 'state'), {recursive: true})
  let previous: UpdateCache = {}
  try {
    if (existsSync(file)) previous = JSON.parse(readFileSync(file, 'utf8')) as UpdateCache
  } catch {
    // A corrupt cache is replaced.
  }
  const cache: UpdateCache = {
    ...previous,
    'last-check': new Date().toISOString(),
    ...(kernelLatest ? {kernel: {current: kernelVersion, latest: kernelLatest}} : {}),
    plugins,
  }
  writeCache(file, cache)
  return cache
}

// Run as a script: one poll, at most one at a time, never a word on any stream.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = aigogoDirs()
  withLock(join(dirs.locks, 'update-check.lock'), () => pollUpdates(process.argv[2] ?? '0.0.0'), {timeoutMs: 0}).catch(() => {
    process.exitCode = 0
  })
}
