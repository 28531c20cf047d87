#!/usr/bin/env node
// Startup cost of the aigogo CLI against the floor of starting node itself, measured in the
// same run (interleaved, so machine load affects both alike). Prints medians and ratios.
//   node bench/startup.js [runs]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const runs = Number(process.argv[2] ?? 21)
const home = mkdtempSync(join(tmpdir(), 'aigogo-bench-'))
const env = {...process.env, AIGOGO_HOME: home}
delete env.NODE_ENV

const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'aigogo --version': [process.execPath, [bin, '--version']],
  'aigogo --help': [process.execPath, [bin, '--help']],
  'aigogo plugins list': [process.execPath, [bin, 'plugins', 'list']],
  'aigogo version': [process.execPath, [bin, 'version']],
}

function time([command, args]) {
  const start = process.hrtime.bigint()
  const result = spawnSync(command, args, {env, stdio: ['ignore', 'ignore', 'pipe']})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
  return ms
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (const c of Object.values(cases)) time(c) // warm the page cache
for (let i = 0; i < runs; i++) for (const [name, c] of Object.entries(cases)) samples[name].push(time(c))
rmSync(home, {force: true, recursive: true})

const floor = median(samples['node -e 0'])
console.log(`startup, median of ${runs} runs (node ${process.version}, ${process.platform}-${process.arch})`)
for (const name of Object.keys(cases)) {
  const m = median(samples[name])
  console.log(`${name.padEnd(22)} ${m.toFixed(1).padStart(7)} ms   ${(m / floor).toFixed(2)}x node -e 0`)
}
console.log('goal: aigogo --version <= 2.00x node -e 0')
