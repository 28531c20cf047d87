#!/usr/bin/env node
// The MCP server against `aigogo --version`, measured in the same run (interleaved):
//   ready     spawn `aigogo mcp` until its answer to `initialize`
//   tool call one `list_installed` on a project with a lock of 20 local packages, after ready
//   node bench/mcp.js [runs]
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const runs = Number(process.argv[2] ?? 15)
const work = mkdtempSync(join(tmpdir(), 'aigogo-bench-mcp-'))
const env = {...process.env, AIGOGO_HOME: join(work, 'home')}
delete env.NODE_ENV
const project = join(work, 'project')
mkdirSync(project)

function cli(args, cwd) {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
  if (result.status !== 0) throw new Error(`aigogo ${args.join(' ')} failed: ${result.stderr}`)
}

for (let i = 0; i < 20; i++) {
  const dir = join(work, `pkg${i}`)
  mkdirSync(dir)
  writeFileSync(join(dir, `mod${i}.py`), `def f():\n    return ${i}\n`)
  const manifest = {name: `pkg${i}`, version: '1.0.0', language: {name: 'python', version: '>=3.8'}, files: {include: [`mod${i}.py`]}, ai: {summary: `package ${i}`, capabilities: ['bench'], usage: `from aigogo.pkg${i} import f`}}
  writeFileSync(join(dir, 'aigogo.json'), JSON.stringify(manifest))
  cli(['build', `pkg${i}:1.0.0`, '--no-validate'], dir)
  cli(['add', `pkg${i}:1.0.0`], project)
}

const message = (id, method, params = {}) => JSON.stringify({id, jsonrpc: '2.0', method, params}) + '\n'
const initialize = message(1, 'initialize', {capabilities: {}, clientInfo: {name: 'bench', version: '1'}, protocolVersion: '2025-06-18'})

function session() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, [bin, 'mcp', '--project', project], {env, stdio: ['pipe', 'pipe', 'ignore']})
    let buffer = ''
    let ready
    child.stdout.on('data', (chunk) => {
      buffer += chunk
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        const reply = JSON.parse(buffer.slice(0, nl))
        buffer = buffer.slice(nl + 1)
        const now = process.hrtime.bigint()
        if (reply.id === 1) {
          ready = now
          child.stdin.write(JSON.stringify({jsonrpc: '2.0', method: 'notifications/initialized'}) + '\n')
          child.stdin.write(message(2, 'tools/call', {arguments: {}, name: 'list_installed'}))
        } else if (reply.id === 2) {
          if (reply.result?.isError || reply.result?.structuredContent?.packages?.length !== 20) reject(new Error(`unexpected reply: ${JSON.stringify(reply).slice(0, 300)}`))
          child.stdin.end()
          resolve({call: Number(now - ready) / 1e6, ready: Number(ready - start) / 1e6})
        }
      }
    })
    child.on('error', reject)
    child.stdin.write(initialize)
  })
}

function version() {
  const start = process.hrtime.bigint()
  cli(['--version'])
  return Number(process.hrtime.bigint() - start) / 1e6
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const samples = {call: [], ready: [], version: []}
await session()
version()
for (let i = 0; i < runs; i++) {
  samples.version.push(version())
  const s = await session()
  samples.ready.push(s.ready)
  samples.call.push(s.call)
}
rmSync(work, {force: true, recursive: true})

const floor = median(samples.version)
console.log(`aigogo mcp, median of ${runs} runs (node ${process.version}, ${process.platform}-${process.arch})`)
console.log(`aigogo --version             ${floor.toFixed(1).padStart(7)} ms   1.00x`)
console.log(`mcp start to ready           ${median(samples.ready).toFixed(1).padStart(7)} ms   ${(median(samples.ready) / floor).toFixed(2)}x aigogo --version`)
console.log(`list_installed (20 packages) ${median(samples.call).toFixed(1).padStart(7)} ms   ${(median(samples.call) / floor).toFixed(2)}x aigogo --version`)
