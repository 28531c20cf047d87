#!/usr/bin/env node
/**
 * `aigogo build` throughput: a package of 2,000 small files and one of a single 100 MB file.
 * The floor is `sha256sum` over the same bytes, measured in the same run; the Go tool builds
 * the 2,000-file package in about 150 ms. Prints medians, files/s, MB/s and ratios.
 *
 *   node bench/build.js [runs]
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'run.js')
const RUNS = Number(process.argv[2] ?? 7)
const GO_BASELINE_MS = 150

const root = mkdtempSync(join(tmpdir(), 'aigogo-bench-build-'))
const home = join(root, 'home')
const env = {...process.env, AIGOGO_HOME: home}
delete env.NODE_ENV

function manifest(dir, name) {
  writeFileSync(join(dir, 'aigogo.json'), JSON.stringify({name, version: '1.0.0', language: {name: 'python', version: '>=3.8'}, files: {include: 'auto'}}, null, 2) + '\n')
}

function time(cmd, args, options = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(cmd, args, {stdio: ['ignore', 'ignore', 'pipe'], ...options})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed: ${result.stderr}`)
  return ms
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function bench(label, dir, ref, files, bytes) {
  const build = () => time(process.execPath, [BIN, 'build', ref, '--force', '--no-validate'], {cwd: dir, env})
  const floor = () => time('sha256sum', files, {cwd: dir})
  // The file-system floor: copying the same files with cp (into a fresh directory each time).
  const copyFloor = () => {
    const to = join(root, 'cp-floor')
    const ms = time('cp', ['-r', dir, to])
    rmSync(to, {force: true, recursive: true})
    return ms
  }
  build()
  floor()
  const builds = []
  const floors = []
  const copies = []
  for (let i = 0; i < RUNS; i++) {
    builds.push(build())
    floors.push(floor())
    copies.push(copyFloor())
  }
  const b = median(builds)
  const f = median(floors)
  const c = median(copies)
  const mb = bytes / 1e6
  console.log(`${label}`)
  console.log(`  aigogo build   ${b.toFixed(0).padStart(6)} ms   ${(files.length / (b / 1000)).toFixed(0).padStart(8)} files/s   ${(mb / (b / 1000)).toFixed(1).padStart(7)} MB/s`)
  console.log(`  sha256sum      ${f.toFixed(0).padStart(6)} ms   ${(files.length / (f / 1000)).toFixed(0).padStart(8)} files/s   ${(mb / (f / 1000)).toFixed(1).padStart(7)} MB/s`)
  console.log(`  cp -r          ${c.toFixed(0).padStart(6)} ms`)
  console.log(`  ratio build / sha256sum: ${(b / f).toFixed(2)}x   build / (sha256sum + cp -r): ${(b / (f + c)).toFixed(2)}x`)
  return b
}

try {
  const startup = median(Array.from({length: RUNS}, () => time(process.execPath, [BIN, '--help'], {env})))
  console.log(`CLI startup (aigogo --help): ${startup.toFixed(0)} ms (included in every build below)\n`)

  const small = join(root, 'small')
  const smallFiles = []
  let smallBytes = 0
  for (let d = 0; d < 40; d++) {
    mkdirSync(join(small, `mod${d}`), {recursive: true})
    for (let f = 0; f < 50; f++) {
      const rel = `mod${d}/file${f}.py`
      const text = `# module ${d}/${f}\n` + `def f${f}(x):\n    return x * ${f}\n`.repeat(20)
      writeFileSync(join(small, rel), text)
      smallFiles.push(rel)
      smallBytes += Buffer.byteLength(text)
    }
  }
  manifest(small, 'small-files')
  const smallMs = bench(`2,000 small files (${(smallBytes / 1e6).toFixed(1)} MB)`, small, 'small-files:1.0.0', smallFiles, smallBytes)
  console.log(`  ratio build / Go tool (~${GO_BASELINE_MS} ms): ${(smallMs / GO_BASELINE_MS).toFixed(2)}x\n`)

  const large = join(root, 'large')
  mkdirSync(large)
  writeFileSync(join(large, 'blob.py'), execFileSync('head', ['-c', String(100 * 1024 * 1024), '/dev/urandom'], {maxBuffer: 200 * 1024 * 1024}))
  manifest(large, 'one-large-file')
  bench('one 100 MiB file', large, 'one-large-file:1.0.0', ['blob.py'], 100 * 1024 * 1024)
} finally {
  spawnSync('chmod', ['-R', 'u+w', root])
  rmSync(root, {force: true, recursive: true})
}
