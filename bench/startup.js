#!/usr/bin/env node
// Start-up cost of the no-work commands against the floor of starting node itself, measured in
// the same run (interleaved, so machine load affects all alike). Each command runs twice: as
// users get it (the manifest dispatcher, src/dispatch/) and through the full oclif CLI
// (AIGOGO_FULL_CLI=1, what every command cost before the dispatcher). Prints medians and ratios.
//   node bench/startup.js [runs]
// Issue 14's target: every no-work command <= 1.5x node -e 0.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {filesystemOf} from './lib/measure.js'

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const runs = Number(process.argv[2] ?? 21)
const root = mkdtempSync(join(tmpdir(), 'aigogo-bench-'))
const project = join(root, 'project')
const fs = filesystemOf(root)
const env = {...process.env, AIGOGO_HOME: join(root, 'home')}
delete env.NODE_ENV
const full = {...env, AIGOGO_FULL_CLI: '1'}

function run(args, options = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {cwd: project, env, stdio: ['ignore', 'ignore', 'pipe'], ...options})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`)
  return ms
}

// A package with two builds, so list has something to list, and a file to add (again: no work).
spawnSync('mkdir', ['-p', project])
writeFileSync(join(project, 'util.py'), 'def f():\n    return 1\n')
for (const args of [['init', '--name', 'bench'], ['add', 'file', 'util.py'], ['build', 'bench:1.0.0'], ['build', 'bench:1.0.1']]) run([bin, ...args])

const commands = {
  '--help': ['--help'],
  'list --help': ['list', '--help'],
  version: ['version'],
  list: ['list'],
  'plugins list': ['plugins', 'list'],
  'add file util.py': ['add', 'file', 'util.py'],
  'scan (1 file)': ['scan'],
}
const cases = {'node -e 0': () => run(['-e', '0']), 'aigogo --version': () => run([bin, '--version'])}
for (const [name, args] of Object.entries(commands)) {
  cases[name] = () => run([bin, ...args])
  cases[`${name} [full oclif]`] = () => run([bin, ...args], {env: full})
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
try {
  for (const c of Object.values(cases)) c() // warm the page cache
  for (let i = 0; i < runs; i++) for (const [name, c] of Object.entries(cases)) samples[name].push(c())
} finally {
  rmSync(root, {force: true, recursive: true})
}

const floor = median(samples['node -e 0'])
console.log(`start-up, median of ${runs} runs (node ${process.version}, ${process.platform}-${process.arch}, ${fs} under TMPDIR, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`)
for (const name of Object.keys(cases)) {
  const m = median(samples[name])
  const target = name.includes('[full') || name === 'node -e 0' ? '' : m / floor <= 1.5 ? '  ok' : '  over 1.5x'
  console.log(`${name.padEnd(34)} ${m.toFixed(1).padStart(7)} ms   ${(m / floor).toFixed(2)}x node -e 0${target}`)
}
console.log('target (issue 14): every no-work command <= 1.50x node -e 0; [full oclif] = the same command through oclif (before)')
