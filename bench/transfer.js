#!/usr/bin/env node
// Push/pull throughput of aigogo against a local docker-registry, next to `skopeo copy` of the
// same layer bytes (an OCI layout directory to the registry and back), measured in the same run.
// Packages: one 100 MB file, and 500 small files. Goals: aigogo within 1.2x of skopeo; a re-push
// of an unchanged package under 10% of the first push.
//   node bench/transfer.js [runs=3]
import {execFileSync, spawn} from 'node:child_process'
import {createHash, randomBytes} from 'node:crypto'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const RUNS = Number(process.argv[2] ?? 3)
const BIN = join(import.meta.dirname, '..', 'bin', 'run.js')
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
  execFileSync(process.execPath, [BIN, ...args], {cwd, env: {...process.env, AIGOGO_HOME: home, CI: '1'}, stdio: ['ignore', 'pipe', 'pipe']})
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
  aigogo(['add', 'file', ...files.map(([path]) => path)], home, dir)
  const built = JSON.parse(execFileSync(process.execPath, [BIN, 'build', '--json'], {cwd: dir, env: {...process.env, AIGOGO_HOME: home}}).toString())
  return {build: built.ref, dir, home}
}

/** An OCI layout holding the same layer bytes as an ordinary image, for skopeo. */
function skopeoLayout(layerFile, name) {
  const layout = join(root, `layout-${name}`)
  const blobs = join(layout, 'blobs', 'sha256')
  mkdirSync(blobs, {recursive: true})
  const layer = readFileSync(layerFile)
  const layerHex = sha(layer)
  cpSync(layerFile, join(blobs, layerHex))
  const config = Buffer.from(JSON.stringify({architecture: 'amd64', os: 'linux', rootfs: {diff_ids: [`sha256:${layerHex}`], type: 'layers'}}))
  writeFileSync(join(blobs, sha(config)), config)
  const manifest = Buffer.from(JSON.stringify({config: {digest: `sha256:${sha(config)}`, mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length}, layers: [{digest: `sha256:${layerHex}`, mediaType: 'application/vnd.oci.image.layer.v1.tar', size: layer.length}], mediaType: 'application/vnd.oci.image.manifest.v1+json', schemaVersion: 2}))
  writeFileSync(join(blobs, sha(manifest)), manifest)
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(join(layout, 'index.json'), JSON.stringify({manifests: [{annotations: {'org.opencontainers.image.ref.name': 'v1'}, digest: `sha256:${sha(manifest)}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: manifest.length}], schemaVersion: 2}))
  return layout
}

function bench(label, pkg) {
  const r = {push: [], repush: [], pull: [], skopeoPush: [], skopeoPull: []}
  let layerFile
  for (let i = 0; i < RUNS; i++) {
    const repo = `${host}/bench/${label}-${i}`
    rmSync(join(pkg.home, 'cache', 'registry'), {force: true, recursive: true})
    rmSync(join(pkg.home, 'cache', 'blobs'), {force: true, recursive: true})
    r.push.push(time(() => aigogo(['push', `${repo}:1`, '--from', pkg.build], pkg.home)))
    r.repush.push(time(() => aigogo(['push', `${repo}:1`, '--from', pkg.build], pkg.home)))
    const pullHome = join(root, `pull-${label}-${i}`)
    r.pull.push(time(() => aigogo(['pull', `${repo}:1`], pullHome)))
    rmSync(pullHome, {force: true, recursive: true})
    if (!layerFile) {
      const out = execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${repo}:1`]).toString()
      layerFile = join(pkg.home, 'cache', 'blobs', 'sha256', JSON.parse(out).layers[0].digest.slice(7))
    }
  }
  const layout = skopeoLayout(layerFile, label)
  for (let i = 0; i < RUNS; i++) {
    const repo = `${host}/skopeo/${label}-${i}`
    r.skopeoPush.push(time(() => execFileSync('skopeo', ['copy', '-q', '--dest-tls-verify=false', `oci:${layout}:v1`, `docker://${repo}:1`])))
    const out = join(root, `skopeo-pull-${label}-${i}`)
    r.skopeoPull.push(time(() => execFileSync('skopeo', ['copy', '-q', '--src-tls-verify=false', `docker://${repo}:1`, `oci:${out}:v1`])))
    rmSync(out, {force: true, recursive: true})
  }
  const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]))
  console.log(`\n${label} (median of ${RUNS} runs, ms)`)
  console.log(`  push    aigogo ${m.push.toFixed(0).padStart(6)}  skopeo ${m.skopeoPush.toFixed(0).padStart(6)}  ratio ${(m.push / m.skopeoPush).toFixed(2)}x (goal <= 1.2x)`)
  console.log(`  pull    aigogo ${m.pull.toFixed(0).padStart(6)}  skopeo ${m.skopeoPull.toFixed(0).padStart(6)}  ratio ${(m.pull / m.skopeoPull).toFixed(2)}x (goal <= 1.2x)`)
  console.log(`  re-push aigogo ${m.repush.toFixed(0).padStart(6)}  = ${((100 * m.repush) / m.push).toFixed(1)}% of the first push (goal < 10%)`)
}

console.log(`aigogo transfer benchmark against docker-registry on ${host}`)
bench('big-100mb', makePackage('big', [['data.bin', randomBytes(100 * 1024 * 1024)]]))
bench('files-500', makePackage('many', Array.from({length: 500}, (_, i) => [`mod/m${String(i).padStart(3, '0')}.py`, `# module ${i}\n` + 'x = 1\n'.repeat(200)])))
registry.kill()
