#!/usr/bin/env node
/**
 * `aigogo scan` throughput on N Python and N TypeScript files (generated, realistic shapes:
 * imports, docstrings, classes, strings that mention imports; N = 1,000 by default). Baselines
 * measured in the same run, interleaved: `node -e 0` (the cost of starting node at all),
 * `aigogo --version` (the CLI's own start-up; issue 14's target for 100 files is 2.0x) and `cat`
 * over the same files (the cost of reading them). Each scan also runs through the full oclif CLI
 * (AIGOGO_FULL_CLI=1: what it cost before the manifest dispatcher). Prints medians, files/s and ratios.
 * Python is scanned twice: with python3 from PATH, and in a package with its own .venv (made
 * with `python3 -m venv --without-pip`), whose listing depgen keeps between runs; so it does for
 * python3 on PATH when it is the interpreter or pyenv's shim, and any other launcher script is
 * started on every run (docs/depgen.md).
 * The files go to os.tmpdir(): TMPDIR=/dev/shm measures without the disk.
 *
 *   node bench/scan.js [runs] [files]
 */
import {spawnSync} from 'node:child_process'
import {accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, delimiter, dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'run.js')
const RUNS = Number(process.argv[2] ?? 5)
const FILES = Number(process.argv[3] ?? 1000)

const root = mkdtempSync(join(tmpdir(), 'aigogo-bench-scan-'))
const env = {...process.env, AIGOGO_HOME: join(root, 'home')}
delete env.NODE_ENV

const PY_LIBS = ['requests', 'yaml', 'numpy', 'sklearn.linear_model', 'PIL', 'bs4', 'httpx', 'pydantic']
const TS_LIBS = ['express', 'lodash/fp', '@scope/pkg/sub', 'zod', 'react', 'axios', 'dayjs', 'chalk']

function pythonFile(i) {
  const lib = PY_LIBS[i % PY_LIBS.length]
  return `"""Module ${i}.\n\nimport not_this  # docstrings never count\n"""\nfrom __future__ import annotations\n\nimport os\nimport json\nfrom typing import TYPE_CHECKING\n\nimport ${lib}\nfrom .sibling import helper\n\nif TYPE_CHECKING:\n    from collections.abc import Iterable\n\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n\n\nclass Worker${i}:\n    """Does work ${i}."""\n\n    def __init__(self, items: Iterable[int]) -> None:\n        self.items = list(items)\n        self.label = f"worker {i}: {len(self.items)!r:>5}"\n\n    def run(self) -> dict:\n        total = sum(x * 2 for x in self.items if x % 3)\n        return {"total": total, "note": "import fake"}\n`.repeat(1) + '\n'.repeat(i % 3)
}

function typescriptFile(i) {
  const lib = TS_LIBS[i % TS_LIBS.length]
  return `import {readFile} from 'node:fs/promises'\nimport type {Config} from '${TS_LIBS[(i + 1) % TS_LIBS.length]}'\nimport thing from '${lib}'\nimport {helper} from './helper${i}.js'\n\nexport interface Options${i} {\n  name: string\n  retries?: number\n}\n\n/** Loads something ${i}. */\nexport async function load${i}(options: Options${i}): Promise<string> {\n  const text = await readFile(options.name, 'utf8')\n  const message = \`require('not-this') \${options.name}\`\n  const lazy = await import('${TS_LIBS[(i + 2) % TS_LIBS.length]}')\n  return helper(thing, text, message, lazy)\n}\n`
}

function makePackage(language, ext, make, folder = language) {
  const dir = join(root, folder)
  mkdirSync(join(dir, 'src'), {recursive: true})
  writeFileSync(join(dir, 'aigogo.json'), JSON.stringify({name: `bench-${language}`, version: '1.0.0', language: {name: language, version: language === 'python' ? '>=3.9' : '>=20'}, files: {include: 'auto'}}))
  const files = []
  for (let i = 0; i < FILES; i += 1) {
    const rel = `src/m${i}${ext}`
    writeFileSync(join(dir, rel), make(i))
    files.push(rel)
  }
  return {dir, files}
}

function time(cmd, args, options = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(cmd, args, {stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28, ...options})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed (${result.status}): ${result.stderr}`)
  return ms
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** What `python3` on PATH is: a launcher script (#!) or an interpreter. */
function python3OnPath() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, 'python3'), constants.X_OK)
      const launcher = readFileSync(join(dir, 'python3')).subarray(0, 2).toString() === '#!'
      const kind = !launcher ? 'an interpreter' : basename(dir) === 'shims' ? "pyenv's shim: its choice is watched, the listing kept" : 'a launcher script: started on every scan'
      return `${join(dir, 'python3')} (${kind})`
    } catch {
      // next
    }
  }
  return 'none'
}

try {
  const py = makePackage('python', '.py', pythonFile)
  const ts = makePackage('javascript', '.ts', typescriptFile)
  const venv = makePackage('python', '.py', pythonFile, 'python-venv')
  spawnSync('python3', ['-m', 'venv', '--without-pip', join(venv.dir, '.venv')], {stdio: 'inherit'})
  // depgen keeps no listing of entries changed within two seconds (a later change in the same clock tick would not show).
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100)
  const samples = {node: [], version: [], catPy: [], catTs: [], py: [], ts: [], pyFull: [], tsFull: [], venv: [], venvFull: []}
  const full = {...env, AIGOGO_FULL_CLI: '1'}
  time(process.execPath, [BIN, 'scan', '--json'], {cwd: py.dir, env}) // warm the file cache
  time(process.execPath, [BIN, 'scan', '--json'], {cwd: venv.dir, env}) // and the venv's listing
  for (let run = 0; run < RUNS; run += 1) {
    samples.node.push(time(process.execPath, ['-e', '0']))
    samples.version.push(time(process.execPath, [BIN, '--version'], {env}))
    samples.catPy.push(time('cat', py.files, {cwd: py.dir}))
    samples.py.push(time(process.execPath, [BIN, 'scan', '--json'], {cwd: py.dir, env}))
    samples.catTs.push(time('cat', ts.files, {cwd: ts.dir}))
    samples.ts.push(time(process.execPath, [BIN, 'scan', '--json'], {cwd: ts.dir, env}))
    samples.pyFull.push(time(process.execPath, [BIN, 'scan', '--json'], {cwd: py.dir, env: full}))
    samples.tsFull.push(time(process.execPath, [BIN, 'scan', '--json'], {cwd: ts.dir, env: full}))
    samples.venv.push(time(process.execPath, [BIN, 'scan', '--json'], {cwd: venv.dir, env}))
    samples.venvFull.push(time(process.execPath, [BIN, 'scan', '--json'], {cwd: venv.dir, env: full}))
  }
  const node = median(samples.node)
  const version = median(samples.version)
  const rate = (ms) => Math.round(FILES / (ms / 1000))
  console.log(`aigogo scan, ${FILES} files per language, median of ${RUNS} runs`)
  console.log(`baseline  node -e 0 (process start floor): ${node.toFixed(0)} ms  |  aigogo --version: ${version.toFixed(0)} ms`)
  console.log(`python3 on PATH: ${python3OnPath()}`)
  const rows = [
    ['python    ', median(samples.py), median(samples.catPy), median(samples.pyFull)],
    ['py (.venv)', median(samples.venv), median(samples.catPy), median(samples.venvFull)],
    ['typescript', median(samples.ts), median(samples.catTs), median(samples.tsFull)],
  ]
  for (const [label, scan, cat, before] of rows) {
    console.log(
      `${label} scan ${scan.toFixed(0)} ms = ${rate(scan)} files/s  |  cat same files ${cat.toFixed(0)} ms = ${rate(cat)} files/s  |  ` +
        `scan / (node -e 0) = ${(scan / node).toFixed(1)}x, scan / --version = ${(scan / version).toFixed(2)}x (target 2.0x), ` +
        `through full oclif ${before.toFixed(0)} ms = ${(before / version).toFixed(2)}x --version, ` +
        `files/s excluding node start = ${rate(scan - node)}`,
    )
  }
} finally {
  rmSync(root, {force: true, recursive: true})
}
