#!/usr/bin/env node
// Node 22+ keeps the compiled code of every module in a cache: Node's own default place
// (os.tmpdir()/node-compile-cache, shared with every tool that turns it on, as tsc does), or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Not AIGOGO_HOME: then every
// command, even --version or one that fails, would create and change it. Node 20 has no cache.
// process.getBuiltinModule, not `import ... from 'node:fs'`: an ESM import of node:fs builds a facade
// that loads node's streams, 4-7 ms (scripts/bundle-start.mjs, builtinsWithoutFacade).
const module = process.getBuiltinModule('node:module')
const {statSync} = process.getBuiltinModule('node:fs')

module.enableCompileCache?.()

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
  process.getBuiltinModule('node:v8').setFlagsFromString('--max-opt=1')
}

/**
 * dist/start.js is dist/main.js with the start-up path in one module (scripts/bundle-start.mjs),
 * written by `npm run build` after tsc. A `tsc -b` alone since then leaves it older than a
 * tsbuildinfo: use dist/main.js until the next build. Installed copies ship no tsbuildinfo.
 */
function startBundle() {
  const mtime = (path) => statSync(new URL(path, import.meta.url), {throwIfNoEntry: false})?.mtimeMs ?? -1
  const bundle = mtime('../dist/start.js')
  return bundle >= 0 && bundle >= mtime('../tsconfig.tsbuildinfo') && bundle >= mtime('../src/sdk/dist/tsconfig.tsbuildinfo')
}

const {main} = await import(startBundle() ? '../dist/start.js' : '../dist/main.js')

await main(process.argv.slice(2))
