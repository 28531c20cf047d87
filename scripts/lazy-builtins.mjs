// The esbuild plugin that makes some node built-ins load on first call in the start-up bundles
// (scripts/bundle-start.mjs); test/bundle-lazy-builtins.test.ts builds with it.
import {sep} from 'node:path'

/**
 * These built-ins, imported statically by many modules, are loaded when one of their functions is
 * first called: node:crypto costs 1.5-4 ms to load (it loads node's streams), node:child_process
 * 1.5 ms (streams, net and dgram), node:fs/promises 1-1.5 ms (with readline), and most commands
 * call none of them (a JavaScript scan has no Python to start; `info` hashes with the SDK). Every
 * function export becomes a function that calls the module's own (the export list is the building
 * node's). Classes and other values are not exported (a module importing one fails to bundle),
 * except fs/promises' `constants`, which is node:fs's.
 */
const LAZY_BUILTINS = new Set(['node:child_process', 'node:crypto', 'node:fs/promises', 'node:timers/promises'])

export function lazyBuiltins() {
  return {
    name: 'lazy-builtins',
    setup(b) {
      // Our own modules only: npm packages may import the module's default export (tar does).
      const ours = (importer) => !importer.split(sep).includes('node_modules')
      b.onResolve({filter: /^node:/}, (args) => (args.kind === 'import-statement' && LAZY_BUILTINS.has(args.path) && ours(args.importer) ? {namespace: 'lazy-builtin', path: args.path} : undefined))
      b.onLoad({filter: /.*/, namespace: 'lazy-builtin'}, (args) => {
        const lines = [`const load = () => process.getBuiltinModule(${JSON.stringify(args.path)})`]
        for (const [name, value] of Object.entries(process.getBuiltinModule(args.path))) {
          // A capitalised name is a class (Hash, ChildProcess): a wrapper would break `new` and `instanceof`.
          if (typeof value !== 'function' || /^[A-Z_]/.test(name)) continue
          lines.push(`export function ${name}(...args) { return load().${name}(...args) }`)
          // What util.promisify reads (execFile's util.promisify.custom), as the function's own.
          for (const key of Object.getOwnPropertySymbols(value)) {
            const id = Symbol.keyFor(key)
            if (id !== undefined) lines.push(`Object.defineProperty(${name}, Symbol.for(${JSON.stringify(id)}), {get: () => load().${name}[Symbol.for(${JSON.stringify(id)})]})`)
          }
        }
        if (args.path === 'node:fs/promises') lines.push(`export {constants} from 'node:fs'`)
        return {contents: lines.join('\n'), loader: 'js', resolveDir: process.cwd()}
      })
    },
  }
}
