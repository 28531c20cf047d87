#!/usr/bin/env node
// Node 22+ keeps the compiled code of every module in a cache: Node's own default place
// (os.tmpdir()/node-compile-cache, shared with every tool that turns it on, as tsc does), or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Not AIGOGO_HOME: then every
// command, even --version or one that fails, would create and change it. Node 20 has no cache.
// This file is CommonJS (bin/package.json), and so is dist/start.cjs: no command on the start-up
// path starts node's ESM loader, which costs 7-10 ms before it reads a module (scripts/bundle-start.mjs).
const {enableCompileCache} = require('node:module')
const {statSync} = require('node:fs')
const {join} = require('node:path')

enableCompileCache?.()

// Push, pull and build run a few dozen functions hot enough for V8's optimizing compiler (TurboFan),
// and the first function it compiles touches its code in the node binary (~3.4 MB) and its working
// memory: 4 to 6 MB of a 100 MB pull's peak RSS, 9 to 10 MB of a 2,000-file build's, for no
// measurable gain in a process this short (hashing, parsing and writing are native). Baseline code
// only, from the first module on (set later, the modules already loaded leave half of it). Other
// commands, and help, do not pay for loading node:v8 (8-16 ms). docs/PERFORMANCE.md, "Memory".
const [command, ...rest] = process.argv.slice(2)
if ((command === 'push' || command === 'pull' || command === 'build') && !rest.includes('--help') && !rest.includes('-h')) {
  // Built-ins compiled after a flag changes miss node's code cache (V8 checks the flags it was made
  // with) and are compiled from source: node:crypto, which all three hash with, took 10-17 ms
  // instead of 3-4, and a worker thread 110 ms to start instead of 55. Loaded first, they hit it.
  process.getBuiltinModule('node:crypto')
  process.getBuiltinModule('node:fs/promises')
  // Every push and pull talks HTTP and (un)packs gzip: node:http took 7-10 ms after the flag, 6 before.
  if (command !== 'build') for (const id of ['node:http', 'node:zlib']) process.getBuiltinModule(id)
  process.getBuiltinModule('node:v8').setFlagsFromString('--max-opt=1')
}

/**
 * dist/start.cjs is dist/main.js with the start-up path in one module (scripts/bundle-start.mjs),
 * written by `npm run build` after tsc. A `tsc -b` alone since then leaves it older than a
 * tsbuildinfo: use dist/main.js (ESM) until the next build. Installed copies ship no tsbuildinfo.
 */
function startBundle() {
  const mtime = (path) => statSync(join(__dirname, path), {throwIfNoEntry: false})?.mtimeMs ?? -1
  const bundle = mtime('../dist/start.cjs')
  return bundle >= 0 && bundle >= mtime('../tsconfig.tsbuildinfo') && bundle >= mtime('../src/sdk/dist/tsconfig.tsbuildinfo')
}

// A rejection is not caught here: node prints it and exits 1, as it did for the ESM entry's top-level
// await. A command that never settles is reported by src/unsettled.ts when the loop empties.
const loading = startBundle() ? Promise.resolve(require('../dist/start.cjs')) : import('../dist/main.js')
loading.then(({main}) => main(process.argv.slice(2)))
