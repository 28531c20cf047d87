/**
 * The update banner: at most once a day, on stderr, from the cache state/update-check.json,
 * which a detached background process refreshes (no command ever waits on the network). Silent
 * with --json, without a terminal on stderr, under CI, and with AIGOGO_NO_UPDATE_CHECK (which
 * also starts no check). Imports nothing heavy: it runs on every command.
 */
import {aigogoHome} from '@aigogo/sdk/dirs'
import {isTerminal, writeStderr} from '@aigogo/sdk/stdio'
import {readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const DAY_MS = 24 * 60 * 60 * 1000

export interface UpdateRow {
  name: string
  current: string
  latest: string
}

export interface UpdateCache {
  'last-check'?: string
  'last-banner-date'?: string
  kernel?: {current: string; latest: string}
  plugins?: UpdateRow[]
}

export function updateCachePath(home: string): string {
  return join(home, 'state', 'update-check.json')
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

export function writeCache(file: string, cache: UpdateCache): void {
  const staging = `${file}.${process.pid}.tmp`
  writeFileSync(staging, JSON.stringify(cache, null, 2) + '\n')
  renameSync(staging, file)
}

/** X.Y.Z ordering without loading semver on the hot path; anything unparsable is "not newer". */
export function isNewerVersion(latest: string, current: string): boolean {
  const parse = (v: string): number[] | undefined => (/^\d+\.\d+\.\d+$/.test(v) ? v.split('.').map(Number) : undefined)
  const a = parse(latest)
  const b = parse(current)
  if (!a || !b) return false
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!
  return false
}

export function localDate(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

/** The banner lines for what is pending, given the versions installed right now. */
export function bannerLines(cache: UpdateCache, kernelVersion: string, installed: ReadonlyMap<string, string>, bin = 'aigogo'): string[] {
  const rows: string[] = []
  if (cache.kernel && isNewerVersion(cache.kernel.latest, kernelVersion)) {
    rows.push(`[aigogo]   aigogo ${kernelVersion} → ${cache.kernel.latest}   run: npm install -g aigogo@latest`)
  }
  const plugins = (cache.plugins ?? []).filter((row) => {
    const current = installed.get(row.name)
    return current !== undefined && isNewerVersion(row.latest, current)
  })
  if (plugins.length === 1) {
    const [row] = plugins
    rows.push(`[aigogo]   ${row!.name} ${installed.get(row!.name)} → ${row!.latest}   run: ${bin} plugins update ${row!.name}`)
  } else if (plugins.length > 1) {
    rows.push(`[aigogo]   ${plugins.length} plugins have updates (${plugins.map((p) => p.name).join(', ')})   run: ${bin} plugins update <name>`)
  }
  return rows.length > 0 ? ['[aigogo] Updates available:', ...rows] : []
}

function installedVersions(home: string): Map<string, string> {
  const state = readJson<{plugins?: {name?: string; version?: string; kind?: string}[]}>(join(home, 'state', 'plugins.json'))
  const versions = new Map<string, string>()
  for (const p of state?.plugins ?? []) if (p.kind === 'installed' && p.name && p.version) versions.set(p.name, p.version)
  return versions
}

function startBackgroundCheck(kernelRoot: string, kernelVersion: string): void {
  // From the kernel root, not from this module's own URL: it is also inlined into dist/start.cjs.
  const script = join(kernelRoot, 'dist', 'host', 'update-poll.js')
  try {
    // Loaded here, once a day at most: a static import cost every command (build too) 3-15 ms.
    const {spawn} = process.getBuiltinModule('node:child_process')
    spawn(process.execPath, [script, kernelVersion], {detached: true, stdio: 'ignore'}).unref()
  } catch {
    // The banner is a courtesy: never let it fail a command.
  }
}

/** AIGOGO_NO_UPDATE_CHECK=1 (any value but "" and "0") turns off the banner and the background check, as NO_UPDATE_NOTIFIER does for npm tools. */
function updateCheckOff(env: NodeJS.ProcessEnv): boolean {
  const value = env.AIGOGO_NO_UPDATE_CHECK
  return value !== undefined && value !== '' && value !== '0'
}

export function maybeShowUpdateBanner(argv: readonly string[], kernelRoot: string, env: NodeJS.ProcessEnv = process.env): void {
  if (argv.includes('--json') || env.CI || updateCheckOff(env) || !isTerminal(2)) return
  try {
    const home = aigogoHome(env)
    const file = updateCachePath(home)
    const cache = readJson<UpdateCache>(file)
    const kernelVersion = readJson<{version: string}>(join(kernelRoot, 'package.json'))?.version ?? '0.0.0'
    const lastCheck = Date.parse(cache?.['last-check'] ?? '')
    if (!cache || Number.isNaN(lastCheck) || Date.now() - lastCheck >= DAY_MS) startBackgroundCheck(kernelRoot, kernelVersion)
    if (!cache) return
    const today = localDate()
    if (cache['last-banner-date'] === today) return
    const lines = bannerLines(cache, kernelVersion, installedVersions(home))
    if (lines.length === 0) return
    writeStderr(lines.join('\n') + '\n')
    writeCache(file, {...cache, 'last-banner-date': today})
  } catch {
    // Same: a broken cache only means no banner.
  }
}
