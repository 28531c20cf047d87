#!/usr/bin/env node
/**
 * `aigogo build` throughput: a package of 2,000 small files and one of a single 100 MB file,
 * measured in the same run, interleaved, next to:
 * - the upstream Go aigogo building the same files (AIGOGO_UPSTREAM_BIN or `aigg` on PATH; see
 *   docs/PERFORMANCE.md), the target being at most 2.0x;
 * - `sha256sum` over the same bytes and `cp -r` of the directory (the floors of hashing and of
 *   writing the files);
 * - `aigogo --version` (start-up alone) and `node -e 0` (node alone; also without NODE_EXTRA_CA_CERTS
 *   when it is set, which node 20 reads at every start).
 * Prints medians, files/s, MB/s, peak RSS (GNU time) and ratios. The files live under TMPDIR:
 * run it twice, with TMPDIR on ext4 and on /dev/shm.
 *
 *   node bench/build.js [runs]
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {filesystemOf, max, measure, median, upstreamBinary} from './lib/measure.js'

// AIGOGO_BENCH_BIN: another build's bin/run.js, to compare two builds on the same machine.
const BIN = process.env.AIGOGO_BENCH_BIN ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'run.js')
const RUNS = Number(process.argv[2] ?? 7)
const UPSTREAM = upstreamBinary()

const root = mkdtempSync(join(tmpdir(), 'aigogo-bench-build-'))
const env = {...process.env, AIGOGO_HOME: join(root, 'home')}
// The upstream tool ignores AIGOGO_HOME and uses ~/.aigogo: it gets a HOME of its own.
const upstreamEnv = {...process.env, HOME: join(root, 'upstream-user')}
delete env.NODE_ENV
const withoutExtraCerts = {...env}
delete withoutExtraCerts.NODE_EXTRA_CA_CERTS

const LIBRARY = `const {buildPackage} = await import(${JSON.stringify(pathToFileURL(join(BIN, '..', '..', 'plugins', 'store', 'dist', 'build', 'build.js')).href)})
await buildPackage({cwd: process.cwd(), force: true, ref: process.argv[1]})`

function manifest(dir, name) {
  writeFileSync(join(dir, 'aigogo.json'), JSON.stringify({name, version: '1.0.0', language: {name: 'python', version: '>=3.8'}, files: {include: 'auto'}}, null, 2) + '\n')
}

function bench(label, dir, ref, files, bytes) {
  const tools = {
    'aigogo build': () => measure(process.execPath, [BIN, 'build', ref, '--force', '--no-validate'], {cwd: dir, env}),
    // The same build as a library call: node, the build's modules and the work, without the command's dispatch.
    'library call': () => measure(process.execPath, ['--input-type=module', '-e', LIBRARY, ref], {cwd: dir, env}),
    ...(UPSTREAM ? {'upstream Go build': () => measure(UPSTREAM, ['build', ref, '--force'], {cwd: dir, env: upstreamEnv})} : {}),
    'sha256sum': () => measure('sha256sum', files, {cwd: dir}),
    'cp -r': () => {
      const to = join(root, 'cp-floor')
      const result = measure('cp', ['-r', dir, to])
      rmSync(to, {force: true, recursive: true})
      return result
    },
    'aigogo --version': () => measure(process.execPath, [BIN, '--version'], {env}),
    'node -e 0': () => measure(process.execPath, ['-e', '0'], {env}),
    // Node 20 reads and parses NODE_EXTRA_CA_CERTS when it starts, before any of our code (37 ms of
    // a 59 ms `node -e 0` with a 220 KB bundle here): printed apart, as what node pays for it.
    ...(process.env.NODE_EXTRA_CA_CERTS ? {'node -e 0, no CA env': () => measure(process.execPath, ['-e', '0'], {env: withoutExtraCerts})} : {}),
  }
  for (const run of Object.values(tools)) run()
  const results = Object.fromEntries(Object.keys(tools).map((name) => [name, []]))
  for (let i = 0; i < RUNS; i++) for (const [name, run] of Object.entries(tools)) results[name].push(run())
  const ms = (name) => median(results[name].map((r) => r.ms))
  const mb = bytes / 1e6
  console.log(`${label}, ${RUNS} runs, medians, on ${filesystemOf(dir)}`)
  for (const name of Object.keys(tools)) {
    const m = ms(name)
    const rss = max(results[name].map((r) => r.rssMB))
    console.log(`  ${name.padEnd(18)} ${m.toFixed(0).padStart(6)} ms  ${(files.length / (m / 1000)).toFixed(0).padStart(8)} files/s  ${(mb / (m / 1000)).toFixed(1).padStart(7)} MB/s  peak RSS ${Number.isFinite(rss) ? rss.toFixed(0) : '?'} MB`)
  }
  const b = ms('aigogo build')
  if (UPSTREAM) console.log(`  ratio build / upstream Go build: ${(b / ms('upstream Go build')).toFixed(2)}x (target <= 2.0x)`)
  else console.log('  upstream Go build not measured: set AIGOGO_UPSTREAM_BIN (docs/PERFORMANCE.md)')
  const l = ms('library call')
  console.log(`  library call: ${l.toFixed(0)} ms = ${(l / ms('aigogo --version')).toFixed(2)}x --version${UPSTREAM ? `, ${(l / ms('upstream Go build')).toFixed(2)}x the Go build` : ''} (what the build costs without the command's dispatch)`)
  console.log(`  ratio build / (sha256sum + cp -r): ${(b / (ms('sha256sum') + ms('cp -r'))).toFixed(2)}x   build - --version: ${(b - ms('aigogo --version')).toFixed(0)} ms`)
  if (results['node -e 0, no CA env']) console.log(`  NODE_EXTRA_CA_CERTS is set: node's start reads it, ${(ms('node -e 0') - ms('node -e 0, no CA env')).toFixed(0)} ms of every node process here (Go does not read it)`)
  console.log('')
}

try {
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
  bench(`2,000 small files (${(smallBytes / 1e6).toFixed(1)} MB)`, small, 'small-files:1.0.0', smallFiles, smallBytes)

  const large = join(root, 'large')
  mkdirSync(large)
  writeFileSync(join(large, 'blob.py'), execFileSync('head', ['-c', String(100 * 1024 * 1024), '/dev/urandom'], {maxBuffer: 200 * 1024 * 1024}))
  manifest(large, 'one-large-file')
  bench('one 100 MiB file', large, 'one-large-file:1.0.0', ['blob.py'], 100 * 1024 * 1024)
} finally {
  execFileSync('chmod', ['-R', 'u+w', root])
  rmSync(root, {force: true, recursive: true})
}
