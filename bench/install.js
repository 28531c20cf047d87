// aigogo install of locked packages, each next to `aigogo --version` measured in the same run:
// - store warm (the default): a fresh clone (only aigogo.lock) whose packages are all in the
//   store, at 100 and 1,000 packages (target: 100 at most 2.5x --version, linear up to 1,000),
//   next to the upstream Go tool installing the same lock from the same store when it is found
//   (AIGOGO_UPSTREAM_BIN or `aigg` on PATH);
// - with --registry: 100 packages cold (store empty; fetched from the local test registry when
//   docker-registry is available, else from local builds) and warm (no-op).
// Files live under TMPDIR: run it with TMPDIR on ext4 and on /dev/shm.
// Usage: node bench/install.js [runs] [--registry] [--counts 100,1000]
import {execFileSync, spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {copyFile, mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {filesystemOf, max, measure, median as med, upstreamBinary} from './lib/measure.js'

// AIGOGO_BENCH_BIN: another build's bin/run.js, to compare two builds on the same machine.
const BIN = process.env.AIGOGO_BENCH_BIN ?? join(import.meta.dirname, '..', 'bin', 'run.js')
const RUNS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 7)
const COUNT = 100
const WITH_REGISTRY = process.argv.includes('--registry')
const countsAt = process.argv.indexOf('--counts')
const COUNTS = (countsAt > 0 ? process.argv[countsAt + 1] : '100,1000').split(',').map(Number)

function cli(args, {cwd, home, env = {}}) {
  const started = process.hrtime.bigint()
  execFileSync(process.execPath, [BIN, ...args], {cwd, env: {...process.env, AIGOGO_HOME: home, VIRTUAL_ENV: '', ...env}, stdio: ['ignore', 'ignore', 'pipe']})
  return Number(process.hrtime.bigint() - started) / 1e6
}

// The no-op check alone, without the CLI around it: the imports plugin's stamp check plus the
// store capability's snapshot check of every package (what the kernel fast path runs).
const PROBE = `const {upToDate} = await import(${JSON.stringify(join(import.meta.dirname, '..', 'plugins', 'imports', 'dist', 'install', 'up-to-date.js'))});
const store = async () => (await import(${JSON.stringify(join(import.meta.dirname, '..', 'plugins', 'store', 'dist', 'capabilities', 'store.js'))})).default;
const home = process.env.AIGOGO_HOME;
const r = await upToDate({cwd: process.cwd(), dirs: {home}, python: process.argv[1]}, store);
if (!r) process.exit(9); process.stdout.write('Up to date\\n')`
function probe({cwd, home, python}) {
  const started = process.hrtime.bigint()
  execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, python], {cwd, env: {...process.env, AIGOGO_HOME: home, VIRTUAL_ENV: '', NODE_PATH: ''}, stdio: ['ignore', 'ignore', 'inherit']})
  return Number(process.hrtime.bigint() - started) / 1e6
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function freePort() {
  const server = createServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const {port} = server.address()
  await new Promise((r) => server.close(r))
  return port
}

async function startRegistry(dir) {
  if (!existsSync('/usr/bin/docker-registry')) return undefined
  const port = await freePort()
  const config = join(dir, 'registry.yml')
  await writeFile(config, `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\nlog:\n  level: error\n`)
  const child = spawn('/usr/bin/docker-registry', ['serve', config], {stdio: 'ignore'})
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/v2/`).then((r) => r.ok, () => false)
    if (up) return {host: `127.0.0.1:${port}`, stop: () => child.kill()}
    await sleep(100)
  }
  child.kill()
  return undefined
}

// The same cold install as a library call, without the CLI around it: what the install itself
// costs, apart from dispatching the command (the start-up work of issue 14's other half).
const LIBRARY = (root) => `const p = (...parts) => ${JSON.stringify(root)} + '/' + parts.join('/');
const {aigogoDirs} = await import(p('src', 'sdk', 'dist', 'core.js'));
const {install} = await import(p('plugins', 'imports', 'dist', 'install', 'install.js'));
const store = (await import(p('plugins', 'store', 'dist', 'capabilities', 'store.js'))).default;
const local = (await import(p('plugins', 'store', 'dist', 'capabilities', 'package-source.js'))).default;
const registry = (await import(p('plugins', 'registry', 'dist', 'capabilities', 'package-source.js'))).default;
const wiring = async () => (await import(p('plugins', 'imports', 'dist', 'languages', 'python.js'))).default.wiring;
const languages = {names: ['python'], find: async (name) => (name === 'python' ? {dependencyFormats: {}, extensions: ['.py'], name, plugins: ['imports'], wiring: await wiring(), wiringPlugin: 'imports'} : undefined)};
await install({languages, store, sources: [{plugin: 'registry', implementation: registry}, {plugin: 'store', implementation: local}]}, {cwd: process.cwd(), dirs: aigogoDirs(), python: process.argv[1]})`

/**
 * Store warm: N python packages put straight into a store (through the store plugin's own code, as
 * `aigogo add` of a local build would), a lock naming them, then per run a fresh clone with only
 * aigogo.lock, interleaved with --version (and the upstream tool on its own clone).
 */
async function storeWarm(count) {
  const root = await mkdtemp(join(tmpdir(), 'aigogo-bench-install-warm-'))
  const home = join(root, 'home')
  const venv = join(root, 'venv')
  execFileSync('python3', ['-m', 'venv', '--without-pip', venv])
  const python = process.env.PYTHON ?? join(venv, 'bin', 'python')
  const upstream = upstreamBinary()
  try {
    process.env.AIGOGO_HOME = home
    const {putFromDirectory} = await import(join(import.meta.dirname, '..', 'plugins', 'store', 'dist', 'store', 'store.js'))
    const packages = {}
    for (let i = 0; i < count; i++) {
      const dir = join(root, 'src', `pkg${i}`)
      await mkdir(dir, {recursive: true})
      await writeFile(join(dir, `mod${i}.py`), `VALUE = ${i}\n`)
      const manifestBytes = Buffer.from(JSON.stringify({files: {include: [`mod${i}.py`]}, language: {name: 'python', version: '>=3.8'}, name: `pkg${i}`, version: '1.0.0'}))
      const stored = await putFromDirectory({dir, files: [`mod${i}.py`], manifestBytes})
      packages[`pkg${i}`] = {version: '1.0.0', integrity: stored.integrity, source: `pkg${i}:1.0.0`, language: 'python', files: [`mod${i}.py`]}
    }
    const keys = Object.keys(packages).sort()
    const lock = JSON.stringify({version: 1, packages: Object.fromEntries(keys.map((k) => [k, packages[k]]))}, null, 2) + '\n'
    const env = {...process.env, AIGOGO_HOME: home, VIRTUAL_ENV: ''}
    // The upstream tool ignores AIGOGO_HOME: its ~/.aigogo is made to be the same home.
    const upstreamUser = join(root, 'upstream-user')
    await mkdir(upstreamUser)
    await symlink(home, join(upstreamUser, '.aigogo'))
    const r = {cold: [], library: [], upstream: [], version: []}
    const treeRoot = join(BIN, '..', '..')
    for (let run = -1; run < RUNS; run++) {
      const clone = join(root, `clone${run + 1}`)
      await mkdir(clone)
      await writeFile(join(clone, 'aigogo.lock'), lock)
      const version = measure(process.execPath, [BIN, '--version'], {cwd: clone, env})
      const cold = measure(process.execPath, [BIN, 'install', '--python', python], {cwd: clone, env})
      execFileSync(process.execPath, [BIN, 'uninstall'], {cwd: clone, env, stdio: 'ignore'})
      await rm(join(clone, '.aigogo'), {force: true, recursive: true})
      const library = measure(process.execPath, ['--input-type=module', '-e', LIBRARY(treeRoot), python], {cwd: clone, env})
      execFileSync(process.execPath, [BIN, 'uninstall'], {cwd: clone, env, stdio: 'ignore'})
      await rm(clone, {force: true, recursive: true})
      let theirs
      if (upstream) {
        const upstreamClone = join(root, `upstream${run + 1}`)
        await mkdir(upstreamClone)
        await writeFile(join(upstreamClone, 'aigogo.lock'), lock)
        theirs = measure(upstream, ['install'], {cwd: upstreamClone, env: {...env, HOME: upstreamUser, VIRTUAL_ENV: venv}})
        await rm(upstreamClone, {force: true, recursive: true})
      }
      if (run < 0) continue // warm-up
      r.version.push(version)
      r.cold.push(cold)
      r.library.push(library)
      if (theirs) r.upstream.push(theirs)
    }
    const ms = (xs) => med(xs.map((x) => x.ms))
    const v = ms(r.version)
    const c = ms(r.cold)
    console.log(`aigogo install, ${count} packages, store warm, fresh clone; ${RUNS} runs, medians, on ${filesystemOf(root)}`)
    console.log(`  aigogo --version          ${v.toFixed(0).padStart(6)} ms  peak RSS ${max(r.version.map((x) => x.rssMB))?.toFixed(0)} MB`)
    console.log(`  install (cold, store warm) ${c.toFixed(0).padStart(5)} ms  ${(c / v).toFixed(2)}x --version (target <= 2.5x at 100)  ${((c - v) / count).toFixed(2)} ms per package over --version  peak RSS ${max(r.cold.map((x) => x.rssMB))?.toFixed(0)} MB`)
    const l = ms(r.library)
    console.log(`  the same, as a library call ${l.toFixed(0).padStart(4)} ms  ${(l / v).toFixed(2)}x --version  (no command dispatch: node, the install code, the work)`)
    if (r.upstream.length > 0) console.log(`  upstream Go install        ${ms(r.upstream).toFixed(0).padStart(5)} ms`)
    else console.log('  upstream Go install not measured: set AIGOGO_UPSTREAM_BIN (docs/PERFORMANCE.md)')
    console.log()
  } finally {
    await rm(root, {force: true, recursive: true})
  }
}

for (const count of COUNTS) await storeWarm(count)
if (WITH_REGISTRY) await coldFromRegistry()

async function coldFromRegistry() {
  const root = await mkdtemp(join(tmpdir(), 'aigogo-bench-install-'))
  const authorHome = join(root, 'author-home')
  const registry = await startRegistry(root)
  // A private virtualenv receives the .pth files, so an interrupted run never touches the system Python.
  const venv = join(root, 'venv')
  execFileSync('python3', ['-m', 'venv', '--without-pip', venv])
  const PYTHON = process.env.PYTHON ?? join(venv, 'bin', 'python')
  try {
    const project = join(root, 'project')
    await mkdir(project)
    process.stderr.write(`building ${COUNT} packages...\n`)
    for (let i = 0; i < COUNT; i++) {
      const dir = join(root, 'src', `pkg${i}`)
      await mkdir(dir, {recursive: true})
      await writeFile(join(dir, `mod${i}.py`), `VALUE = ${i}\n`)
      await writeFile(join(dir, 'aigogo.json'), JSON.stringify({files: {include: [`mod${i}.py`]}, language: {name: 'python', version: '>=3.8'}, name: `pkg${i}`, version: '1.0.0'}))
      cli(['build', `pkg${i}:1.0.0`, '--no-validate'], {cwd: dir, home: authorHome})
      const ref = registry ? `${registry.host}/bench/pkg${i}:1.0.0` : `pkg${i}:1.0.0`
      if (registry) cli(['push', ref, '--from', `pkg${i}:1.0.0`], {cwd: dir, home: authorHome})
      cli(['add', ref], {cwd: project, home: authorHome})
    }
    const source = registry ? 'the local test registry (docker-registry on 127.0.0.1)' : 'local builds (no docker-registry here)'

    const version = []
    const cold = []
    const warm = []
    const fast = []
    for (let run = 0; run < RUNS; run++) {
      // Cold: a fresh clone (only aigogo.lock) and an empty store.
      const clone = join(root, `clone${run}`)
      await mkdir(clone)
      await copyFile(join(project, 'aigogo.lock'), join(clone, 'aigogo.lock'))
      const home = registry ? join(root, `home${run}`) : authorHome
      if (!registry) await rm(join(authorHome, 'store'), {force: true, recursive: true})
      version.push(cli(['--version'], {cwd: clone, home}))
      cold.push(cli(['install', '--python', PYTHON], {cwd: clone, home}))
      version.push(cli(['--version'], {cwd: clone, home}))
      warm.push(cli(['install', '--python', PYTHON], {cwd: clone, home}))
      fast.push(probe({cwd: clone, home, python: PYTHON}))
      cli(['uninstall'], {cwd: clone, home})
    }
    const v = median(version)
    console.log(`aigogo install, ${COUNT} packages, cold from ${source}; ${RUNS} runs, medians`)
    console.log(`  aigogo --version           ${v.toFixed(0).padStart(6)} ms`)
    console.log(`  install (cold, fetch all)  ${median(cold).toFixed(0).padStart(6)} ms  ${(median(cold) / v).toFixed(2)}x --version`)
    console.log(`  install (warm, no-op)      ${median(warm).toFixed(0).padStart(6)} ms  ${(median(warm) / v).toFixed(2)}x --version  (goal: <= 1.5x)`)
    console.log(`  no-op check without oclif  ${median(fast).toFixed(0).padStart(6)} ms  ${(median(fast) / v).toFixed(2)}x --version  (stamp + store check)`)
  } finally {
    registry?.stop()
    await rm(root, {force: true, recursive: true})
  }
}
