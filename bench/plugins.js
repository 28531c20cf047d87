#!/usr/bin/env node
/**
 * Plugin host benchmark (plain node, runs the real CLI):
 *  1. time to install a plugin from a local GitHub stand-in (download, verify, unpack, sync);
 *  2. startup cost per installed plugin: `aigogo version` with 0 and with 10 installed plugins,
 *     reported as ms per plugin (goal: at most 1.5 ms). `--version` bypasses plugin loading, so a
 *     command that loads plugins is measured. Medians of N runs, in the same process run.
 * Usage: node bench/plugins.js [runs=15]   (needs `npm run build` first)
 */
import {execFileSync, spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'bin', 'run.js')
const FIXTURE = join(ROOT, 'test', 'fixtures', 'example-plugin')
const RUNS = Number(process.argv[2] ?? 15)
const PLUGINS = 10
const work = mkdtempSync(join(tmpdir(), 'aigogo-bench-plugins-'))

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function manifestTemplate() {
  const dir = join(work, 'manifest')
  cpSync(FIXTURE, dir, {recursive: true})
  mkdirSync(join(dir, 'node_modules', '@aigogo'), {recursive: true})
  mkdirSync(join(dir, 'node_modules', '@oclif'), {recursive: true})
  symlinkSync(join(ROOT, 'node_modules', '@aigogo', 'sdk'), join(dir, 'node_modules', '@aigogo', 'sdk'))
  symlinkSync(join(ROOT, 'node_modules', '@oclif', 'core'), join(dir, 'node_modules', '@oclif', 'core'))
  execFileSync(join(ROOT, 'node_modules', '.bin', 'oclif'), ['manifest'], {cwd: dir, stdio: 'ignore'})
  return JSON.parse(readFileSync(join(dir, 'oclif.manifest.json'), 'utf8'))
}

/** The fixture as plugin <name>, packed npm-style into a release asset. */
function bundle(name, template) {
  const parent = join(work, 'bundles', name)
  const dir = join(parent, 'package')
  cpSync(FIXTURE, dir, {recursive: true})
  const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  Object.assign(pjson, {name: `aigogo-plugin-${name}`, version: '1.0.0'})
  pjson.aigogo.name = name
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pjson))
  renameSync(join(dir, 'dist/commands/example'), join(dir, `dist/commands/${name}`))
  for (const category of ['skills', 'agents']) {
    for (const entry of readdirSync(join(dir, 'assets', category))) {
      renameSync(join(dir, 'assets', category, entry), join(dir, 'assets', category, entry.replace('aigogo-example-', `aigogo-${name}-`)))
    }
  }
  const command = {...template.commands['example:hello'], id: `${name}:hello`, pluginName: pjson.name, relativePath: ['dist', 'commands', name, 'hello.js']}
  writeFileSync(join(dir, 'oclif.manifest.json'), JSON.stringify({commands: {[`${name}:hello`]: command}, version: '1.0.0'}))
  execFileSync('tar', ['-czf', join(parent, 'b.tgz'), '-C', parent, 'package'])
  return readFileSync(join(parent, 'b.tgz'))
}

async function standin(assets) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x')
    const m = /^\/repos\/bench\/([^/]+)\/releases(\/tags\/v1\.0\.0|\/assets\/(.+))?$/.exec(url.pathname)
    const name = m?.[1]
    if (!m || !assets.has(name)) return res.writeHead(404).end()
    const files = assets.get(name)
    const release = {tag_name: 'v1.0.0', assets: Object.keys(files).map((f) => ({name: f, url: `http://127.0.0.1:${server.address().port}/repos/bench/${name}/releases/assets/${f}`}))}
    if (m[3]) return res.writeHead(200).end(files[m[3]])
    res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify(m[2] ? release : [release]))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

// Asynchronous: the stand-in lives in this process and must keep answering.
async function timeRun(args, env) {
  const start = process.hrtime.bigint()
  const child = spawn(process.execPath, [BIN, ...args], {env, stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const status = await new Promise((resolve) => child.on('close', resolve))
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (status !== 0) throw new Error(`aigogo ${args.join(' ')} failed: ${stderr}`)
  return ms
}

const template = manifestTemplate()
const names = Array.from({length: PLUGINS}, (_, i) => `bench${String.fromCharCode(97 + i)}`)
const assets = new Map()
for (const name of names) {
  const tgz = bundle(name, template)
  const asset = `aigogo-plugin-${name}-1.0.0.tgz`
  assets.set(name, {[asset]: tgz, 'checksums.txt': `${createHash('sha256').update(tgz).digest('hex')}  ${asset}\n`})
}
const server = await standin(assets)
const baseEnv = {...process.env, AIGOGO_CONFIG: join(work, 'config.json'), AIGOGO_GITHUB_API_URL: `http://127.0.0.1:${server.address().port}`, HOME: work, CI: '1'}
delete baseEnv.GITHUB_TOKEN
writeFileSync(join(work, 'config.json'), JSON.stringify({targets: [{name: 'bench', root: join(work, 'target')}]}))
const emptyHome = join(work, 'empty-home')
const fullHome = join(work, 'full-home')

// 1. Install time (each run into a fresh home), against `aigogo version` as the baseline.
const installs = []
for (let i = 0; i < RUNS; i++) {
  const home = join(work, `install-${i}`)
  installs.push(await timeRun(['plugins', 'install', names[0], '--source', `github.com/bench/${names[0]}`, '--yes'], {...baseEnv, AIGOGO_HOME: home}))
  rmSync(home, {force: true, recursive: true})
}
for (const name of names) await timeRun(['plugins', 'install', name, '--source', `github.com/bench/${name}`, '--yes'], {...baseEnv, AIGOGO_HOME: fullHome})
server.close()

// 2. Startup with 0 and with 10 installed plugins, interleaved so drift hits both alike.
const zero = []
const ten = []
await timeRun(['version'], {...baseEnv, AIGOGO_HOME: emptyHome})
for (let i = 0; i < RUNS; i++) {
  zero.push(await timeRun(['version'], {...baseEnv, AIGOGO_HOME: emptyHome}))
  ten.push(await timeRun(['version'], {...baseEnv, AIGOGO_HOME: fullHome}))
}
const base = median(zero)
const perPlugin = (median(ten) - base) / PLUGINS
console.log(`runs: ${RUNS}`)
console.log(`aigogo version, 0 installed plugins:   ${base.toFixed(1)} ms (baseline)`)
console.log(`aigogo version, ${PLUGINS} installed plugins:  ${median(ten).toFixed(1)} ms (x${(median(ten) / base).toFixed(2)})`)
console.log(`startup cost per installed plugin:    ${perPlugin.toFixed(2)} ms (goal <= 1.5 ms)`)
console.log(`plugins install from the stand-in:    ${median(installs).toFixed(1)} ms (x${(median(installs) / base).toFixed(2)} of the baseline)`)
rmSync(work, {force: true, recursive: true})
