#!/usr/bin/env node
// Node 22+ keeps the compiled code of every module in a cache: ours is AIGOGO_HOME/node-compile-cache
// (Node's default, os.tmpdir()/node-compile-cache, would leave aigogo's files in the user's TMPDIR)
// unless NODE_COMPILE_CACHE names one; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Node 20 has no cache.
import module from 'node:module'
import {statSync} from 'node:fs'
import {join} from 'node:path'

import {aigogoHome} from '@aigogo/sdk/dirs'

if (module.enableCompileCache) module.enableCompileCache(process.env.NODE_COMPILE_CACHE || join(aigogoHome(), 'node-compile-cache'))

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
