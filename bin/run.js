#!/usr/bin/env node
// Node 22+ keeps the compiled code of every module in a cache (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off); on Node 20 the call does not exist.
import module from 'node:module'
import {statSync} from 'node:fs'

module.enableCompileCache?.()

// A push or pull streams a whole layer through a few dozen functions that V8's optimizing compiler
// (TurboFan) then compiles in the background, and its working memory stays mapped: 4 to 6 MB of a
// 100 MB pull's peak RSS, for no measurable gain in a process this short (the hashing and the
// writes are native). Baseline code only, from the first module on (set later, the modules already
// loaded leave half of it). Other commands do not pay for loading node:v8. docs/PERFORMANCE.md, "Memory".
if (process.argv[2] === 'push' || process.argv[2] === 'pull') (await import('node:v8')).setFlagsFromString('--max-opt=1')

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
