#!/usr/bin/env node
// Push/pull throughput of aigogo against a local docker-registry, next to `skopeo copy` of the
// same layer bytes (an OCI layout directory to the registry and back), measured in the same run.
// Packages: one 100 MB file, and 500 small files. Every run builds new content (run.txt changes),
// so neither tool finds the layer already in the registry. Goals: push within 1.2x of skopeo;
// pull within 1.1x of skopeo plus `tar -xf` of the same layer (skopeo leaves one file, a package
// manager must also create the files); peak RSS of push and pull at most 64 MB (GNU time); a
// re-push of an unchanged package under 10% of the first push. Files live under TMPDIR: run it
// with TMPDIR on ext4 and on /dev/shm.
//   node bench/transfer.js [runs=3]
import {execFileSync, spawn} from 'node:child_process'
import {createHash, randomBytes} from 'node:crypto'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {filesystemOf, max, measure} from './lib/measure.js'

const RUNS = Number(process.argv[2] ?? 3)
// AIGOGO_BENCH_BIN: another build's bin/run.js, to compare two builds on the same machine.
const BIN = process.env.AIGOGO_BENCH_BIN ?? join(import.meta.dirname, '..', 'bin', 'run.js')
const root = mkdtempSync(join(tmpdir(), 'aigogo-bench-'))

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port
    s.close(() => resolve(p))
  })
})
const host = `127.0.0.1:${port}`
writeFileSync(join(root, 'config.yml'), `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${root}/data\nhttp:\n  addr: ${host}\n  secret: bench\n`)
const registry = spawn('/usr/bin/docker-registry', ['serve', join(root, 'config.yml')], {stdio: 'ignore'})
process.on('exit', () => {
  registry.kill()
  rmSync(root, {force: true, recursive: true})
})
await new Promise((r) => setTimeout(r, 1000))

function aigogo(args, home, cwd) {
  return execFileSync(process.execPath, [BIN, ...args], {cwd, env: {...process.env, AIGOGO_HOME: home, CI: '1'}, stdio: ['ignore', 'pipe', 'pipe']}).toString()
}
function time(fn) {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const sha = (b) => createHash('sha256').update(b).digest('hex')

function makePackage(name, files) {
  const dir = join(root, name)
  const home = join(root, `home-${name}`)
  mkdirSync(dir, {recursive: true})
  aigogo(['init', '--name', name], home, dir)
  for (const [path, bytes] of files) {
    mkdirSync(join(dir, path, '..'), {recursive: true})
    writeFileSync(join(dir, path), bytes)
  }
  writeFileSync(join(dir, 'run.txt'), 'run -1\n')
  aigogo(['add', 'file', 'run.txt', ...files.map(([path]) => path)], home, dir)
  return {dir, home}
}

/** A new build whose layer the registry has never seen: run.txt differs in every run. */
function rebuild(pkg, run) {
  writeFileSync(join(pkg.dir, 'run.txt'), `run ${run} ${Date.now()}\n`)
  return JSON.parse(aigogo(['build', '--force', '--json'], pkg.home, pkg.dir)).ref
}

/** An OCI layout holding the same layer bytes as an ordinary image, for skopeo. */
function skopeoLayout(layer, name) {
  const layout = join(root, `layout-${name}`)
  rmSync(layout, {force: true, recursive: true})
  const blobs = join(layout, 'blobs', 'sha256')
  mkdirSync(blobs, {recursive: true})
  const layerHex = sha(layer)
  writeFileSync(join(blobs, layerHex), layer)
  const config = Buffer.from(JSON.stringify({architecture: 'amd64', os: 'linux', rootfs: {diff_ids: [`sha256:${layerHex}`], type: 'layers'}}))
  writeFileSync(join(blobs, sha(config)), config)
  const manifest = Buffer.from(JSON.stringify({config: {digest: `sha256:${sha(config)}`, mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length}, layers: [{digest: `sha256:${layerHex}`, mediaType: 'application/vnd.oci.image.layer.v1.tar', size: layer.length}], mediaType: 'application/vnd.oci.image.manifest.v1+json', schemaVersion: 2}))
  writeFileSync(join(blobs, sha(manifest)), manifest)
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(join(layout, 'index.json'), JSON.stringify({manifests: [{annotations: {'org.opencontainers.image.ref.name': 'v1'}, digest: `sha256:${sha(manifest)}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: manifest.length}], schemaVersion: 2}))
  return layout
}

async function layerBytes(repository) {
  const manifest = await (await fetch(`http://${host}/v2/${repository}/manifests/1`, {headers: {accept: 'application/vnd.oci.image.manifest.v1+json'}})).json()
  return Buffer.from(await (await fetch(`http://${host}/v2/${repository}/blobs/${manifest.layers[0].digest}`)).arrayBuffer())
}

async function bench(label, pkg) {
  const r = {push: [], repush: [], pull: [], skopeoPush: [], skopeoPull: [], untar: []}
  const rss = {pull: [], push: [], skopeoPull: [], skopeoPush: []}
  const timed = (kind, args, home) => {
    const result = measure(process.execPath, [BIN, ...args], {env: {...process.env, AIGOGO_HOME: home, CI: '1'}})
    rss[kind].push(result.rssMB)
    r[kind].push(result.ms)
  }
  const timedSkopeo = (kind, args) => {
    const result = measure('skopeo', args)
    rss[kind].push(result.rssMB)
    r[kind].push(result.ms)
  }
  for (let i = 0; i < RUNS; i++) {
    const build = rebuild(pkg, i)
    const repository = `bench/${label}-${i}`
    timed('push', ['push', `${host}/${repository}:1`, '--from', build], pkg.home)
    r.repush.push(time(() => aigogo(['push', `${host}/${repository}:1`, '--from', build], pkg.home)))
    const pullHome = join(root, `pull-${label}-${i}`)
    timed('pull', ['pull', `${host}/${repository}:1`], pullHome)
    rmSync(pullHome, {force: true, recursive: true})

    // skopeo moves the same layer bytes. It pushes first, into a repository of its own: its
    // blob-info cache has never seen this layer, so it uploads instead of mounting.
    const layer = await layerBytes(repository)
    const layout = skopeoLayout(layer, label)
    // skopeo stores the layer as one file; a package manager must also unpack it. tar -xf of
    // the same bytes shows what file creation alone costs on this filesystem.
    const untarDir = join(root, `untar-${label}-${i}`)
    mkdirSync(untarDir)
    const layerFile = join(layout, 'blobs', 'sha256', sha(layer))
    r.untar.push(time(() => execFileSync('tar', ['-xf', layerFile, '-C', untarDir])))
    rmSync(untarDir, {force: true, recursive: true})
    const theirs = `${host}/skopeo/${label}-${i}`
    timedSkopeo('skopeoPush', ['copy', '-q', '--dest-tls-verify=false', `oci:${layout}:v1`, `docker://${theirs}:1`])
    const out = join(root, `skopeo-pull-${label}-${i}`)
    timedSkopeo('skopeoPull', ['copy', '-q', '--src-tls-verify=false', `docker://${theirs}:1`, `oci:${out}:v1`])
    rmSync(out, {force: true, recursive: true})
  }
  const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]))
  const peak = (kind) => max(rss[kind])?.toFixed(0)
  console.log(`\n${label} (median of ${RUNS} runs, ms; files on ${filesystemOf(root)})`)
  console.log(`  push    aigogo ${m.push.toFixed(0).padStart(6)}  skopeo ${m.skopeoPush.toFixed(0).padStart(6)}  ratio ${(m.push / m.skopeoPush).toFixed(2)}x (goal <= 1.2x)`)
  console.log(`  pull    aigogo ${m.pull.toFixed(0).padStart(6)}  skopeo ${m.skopeoPull.toFixed(0).padStart(6)}  ratio ${(m.pull / m.skopeoPull).toFixed(2)}x`)
  console.log(`          tar -xf of the layer alone: ${m.untar.toFixed(0)} ms; skopeo + tar -xf = ${(m.skopeoPull + m.untar).toFixed(0)} ms, aigogo ${(m.pull / (m.skopeoPull + m.untar)).toFixed(2)}x that (goal <= 1.1x)`)
  console.log(`  peak RSS  push ${peak('push')} MB (skopeo ${peak('skopeoPush')} MB)  pull ${peak('pull')} MB (skopeo ${peak('skopeoPull')} MB)  (goal <= 64 MB)`)
  console.log(`  re-push aigogo ${m.repush.toFixed(0).padStart(6)}  = ${((100 * m.repush) / m.push).toFixed(1)}% of the first push (goal < 10%; node -e 0 alone is ${((100 * nodeStart) / m.push).toFixed(1)}%)`)
}

const nodeStart = median(Array.from({length: 9}, () => time(() => execFileSync(process.execPath, ['-e', '0']))))
console.log(`aigogo transfer benchmark against docker-registry on ${host}; node -e 0 takes ${nodeStart.toFixed(0)} ms here`)
await bench('big-100mb', makePackage('big', [['data.bin', randomBytes(100 * 1024 * 1024)]]))
await bench('files-500', makePackage('many', Array.from({length: 500}, (_, i) => [`mod/m${String(i).padStart(3, '0')}.py`, `# module ${i}\n` + 'x = 1\n'.repeat(200)])))
registry.kill()
