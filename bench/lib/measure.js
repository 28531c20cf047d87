// Shared by the bench scripts: run a command, return its wall time and peak RSS (from GNU time,
// when /usr/bin/time is installed), medians, and where the upstream Go binary is.
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const GNU_TIME = '/usr/bin/time'
const hasTime = existsSync(GNU_TIME)
const scratch = mkdtempSync(join(tmpdir(), 'aigogo-bench-measure-'))
process.on('exit', () => rmSync(scratch, {force: true, recursive: true}))

/** Runs cmd; {ms, rssMB} (rssMB undefined without GNU time). Throws when it fails. */
export function measure(cmd, args, options = {}) {
  const out = join(scratch, 'rss')
  const [file, argv] = hasTime ? [GNU_TIME, ['-f', '%M', '-o', out, cmd, ...args]] : [cmd, args]
  const start = process.hrtime.bigint()
  const result = spawnSync(file, argv, {stdio: ['ignore', 'ignore', 'pipe'], ...options})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed (${result.status}): ${result.stderr}`)
  const rssMB = hasTime ? Number(readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024 : undefined
  return {ms, rssMB}
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
export const max = (xs) => Math.max(...xs.filter((x) => x !== undefined))

/**
 * The upstream Go aigogo (`aigg`): AIGOGO_UPSTREAM_BIN, else `aigg` on PATH; undefined when
 * neither runs. docs/PERFORMANCE.md says how to build it.
 */
export function upstreamBinary() {
  for (const candidate of [process.env.AIGOGO_UPSTREAM_BIN, 'aigg']) {
    if (!candidate) continue
    try {
      execFileSync(candidate, ['version'], {stdio: 'ignore'})
      return candidate
    } catch {}
  }
  return undefined
}

/** Which filesystem a directory is on (ext4, tmpfs...), for the report. */
export function filesystemOf(dir) {
  try {
    return execFileSync('stat', ['-f', '-c', '%T', dir]).toString().trim()
  } catch {
    return 'unknown'
  }
}
