#!/usr/bin/env node
// Start-up cost of the no-work commands against the floor of starting node itself, measured in
// the same run (interleaved, so machine load affects all alike). Each command runs twice: as
// users get it (the manifest dispatcher, src/dispatch/) and through the full oclif CLI
// (AIGOGO_FULL_CLI=1, what every command cost before the dispatcher). Prints medians and ratios.
//   node bench/startup.js [runs]
// Issue 14's target: every no-work command <= 1.5x node -e 0.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
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

// `info` of a pushed ref needs a registry: a local docker-registry when it is installed (its answer
// over loopback is part of what info costs; the manifest and config are a few hundred bytes).
const REGISTRY_BIN = '/usr/bin/docker-registry'
let registry
let infoRef
if (existsSync(REGISTRY_BIN)) {
  const port = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const {port} = server.address()
      server.close(() => resolve(port))
    })
  })
  const host = `127.0.0.1:${port}`
  writeFileSync(join(root, 'registry.yml'), `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${root}/registry\nhttp:\n  addr: ${host}\n  secret: bench\n`)
  registry = spawn(REGISTRY_BIN, ['serve', join(root, 'registry.yml')], {stdio: 'ignore'})
  env.AIGOGO_INSECURE_REGISTRIES = host
  full.AIGOGO_INSECURE_REGISTRIES = host
  infoRef = `${host}/bench/util:1.0.0`
  for (let i = 0; ; i++) {
    const pushed = spawnSync(process.execPath, [bin, 'push', infoRef, '--from', 'bench:1.0.0'], {cwd: project, env, stdio: ['ignore', 'ignore', 'pipe']})
    if (pushed.status === 0) break
    if (i === 50) throw new Error(`push to the bench registry failed: ${pushed.stderr}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  // What this info keeps (the manifest, the config, what the tag named) answers info --offline.
  const {digest} = JSON.parse(spawnSync(process.execPath, [bin, 'info', infoRef, '--json'], {cwd: project, encoding: 'utf8', env}).stdout)
  // info's floor: node asking the same three things with node:http alone (the manifest, then the
  // referrers API and a HEAD of the referrers tag side by side; docker-registry has no API).
  const requests = [['GET', '/v2/bench/util/manifests/1.0.0'], ['GET', `/v2/bench/util/referrers/${digest}`], ['HEAD', `/v2/bench/util/manifests/${digest.replace(':', '-')}`]]
  writeFileSync(join(root, 'floor-http.cjs'), `const http = require('node:http')
const agent = new http.Agent({keepAlive: true})
const ask = ([method, path]) => new Promise((resolve, reject) => {
  http.request({agent, headers: {accept: 'application/vnd.oci.image.manifest.v1+json'}, host: '127.0.0.1', method, path, port: ${port}}, (r) => { r.resume(); r.on('end', resolve) }).on('error', reject).end()
})
const [manifest, ...referrers] = ${JSON.stringify(requests)}
ask(manifest).then(() => Promise.all(referrers.map(ask))).then(() => { process.stdout.write('ok\\n'); agent.destroy() })
`)
}

const commands = {
  '--help': ['--help'],
  'list --help': ['list', '--help'],
  version: ['version'],
  list: ['list'],
  'plugins list': ['plugins', 'list'],
  'add file util.py': ['add', 'file', 'util.py'],
  'scan (1 file)': ['scan'],
  ...(infoRef ? {'info <pushed ref>': ['info', infoRef], 'info --offline <kept ref>': ['info', infoRef, '--offline']} : {}),
}
const cases = {'node -e 0': () => run(['-e', '0']), 'aigogo --version': () => run([bin, '--version'])}
if (infoRef) cases['floor: node:http, info\'s 3 requests'] = () => run([join(root, 'floor-http.cjs')])
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
  registry?.kill()
  rmSync(root, {force: true, recursive: true})
}

const floor = median(samples['node -e 0'])
console.log(`start-up, median of ${runs} runs (node ${process.version}, ${process.platform}-${process.arch}, ${fs} under TMPDIR, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`)
for (const name of Object.keys(cases)) {
  const m = median(samples[name])
  const target = name.includes('[full') || name === 'node -e 0' || name.startsWith('floor:') ? '' : m / floor <= 1.5 ? '  ok' : '  over 1.5x'
  console.log(`${name.padEnd(34)} ${m.toFixed(1).padStart(7)} ms   ${(m / floor).toFixed(2)}x node -e 0${target}`)
}
console.log('target (issue 14): every no-work command <= 1.50x node -e 0; [full oclif] = the same command through oclif (before)')
if (process.env.NODE_EXTRA_CA_CERTS) {
  // Node 20 reads and parses that bundle when it starts, before any script (22+ when a TLS context
  // needs it): a larger floor makes every ratio smaller. The same command without it says how much.
  const bare = median(Array.from({length: runs}, () => run(['-e', '0'], {cwd: tmpdir(), env: {...env, NODE_EXTRA_CA_CERTS: ''}})))
  const cost = floor - bare
  console.log(cost > 2
    ? `NODE_EXTRA_CA_CERTS is set: node -e 0 takes ${bare.toFixed(1)} ms without it (${cost.toFixed(1)} ms of every start is reading it); for the ratios without it: env -u NODE_EXTRA_CA_CERTS node bench/startup.js`
    : `NODE_EXTRA_CA_CERTS is set; this node does not read it at start (node -e 0 without it: ${bare.toFixed(1)} ms)`)
}
if (!infoRef) console.log(`info not measured: ${REGISTRY_BIN} is not installed (apt-get install docker-registry)`)
