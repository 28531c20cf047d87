#!/usr/bin/env node
// `aigogo list` with B builds of F files each: with the size record a build writes now, and
// with that record removed (builds made before it: list walks and lstat's every file, which is
// what every list did before). Baselines in the same run, interleaved: node -e 0 and --version.
//   node bench/list.js [runs] [builds] [files]      AIGOGO_HOME under os.tmpdir(): TMPDIR=/dev/shm for tmpfs
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const [runs, builds, files] = [Number(process.argv[2] ?? 11), Number(process.argv[3] ?? 5), Number(process.argv[4] ?? 4400)]
const root = mkdtempSync(join(tmpdir(), 'aigogo-bench-list-'))
const env = {...process.env, AIGOGO_HOME: join(root, 'home')}
delete env.NODE_ENV

function run(args, options = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {env, stdio: ['ignore', 'ignore', 'pipe'], ...options})
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

try {
  const pkg = join(root, 'pkg')
  mkdirSync(join(pkg, 'src'), {recursive: true})
  for (let i = 0; i < files; i++) writeFileSync(join(pkg, 'src', `m${i}.py`), `x = ${i}\n`)
  run([bin, 'init', '--name', 'bench'], {cwd: pkg})
  run([bin, 'add', 'file', 'src'], {cwd: pkg})
  for (let b = 0; b < builds; b++) run([bin, 'build', `bench:1.0.${b}`, '--no-validate'], {cwd: pkg})
  const cache = join(root, 'home', 'cache')
  const metas = readdirSync(cache).filter((d) => d.startsWith('bench_')).map((d) => join(cache, d, '.aigogo-metadata.json'))
  const withRecord = metas.map((m) => readFileSync(m, 'utf8'))
  const withoutRecord = withRecord.map((text) => {
    const {files: _f, bytes: _b, ...rest} = JSON.parse(text)
    return JSON.stringify(rest, null, 2)
  })
  const put = (texts) => metas.forEach((m, i) => writeFileSync(m, texts[i]))
  const samples = {node: [], version: [], list: [], walk: []}
  for (let i = 0; i < runs; i++) {
    samples.node.push(run(['-e', '0']))
    samples.version.push(run([bin, '--version']))
    put(withRecord)
    samples.list.push(run([bin, 'list']))
    put(withoutRecord)
    samples.walk.push(run([bin, 'list']))
  }
  const node = median(samples.node)
  console.log(`aigogo list, ${builds} builds x ${files + 1} files, median of ${runs} runs, AIGOGO_HOME under ${tmpdir()}`)
  for (const [name, xs] of [['node -e 0', samples.node], ['aigogo --version', samples.version], ['list (size record)', samples.list], ['list (walk + lstat, before)', samples.walk]]) {
    console.log(`${name.padEnd(28)} ${median(xs).toFixed(1).padStart(8)} ms   ${(median(xs) / node).toFixed(2)}x node -e 0`)
  }
} finally {
  rmSync(root, {force: true, recursive: true})
}
