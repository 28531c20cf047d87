#!/usr/bin/env node
// Node 22+ keeps the compiled code of every module in a cache (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off); on Node 20 the call does not exist.
import module from 'node:module'

module.enableCompileCache?.()
const {main} = await import('../dist/main.js')

await main(process.argv.slice(2))
