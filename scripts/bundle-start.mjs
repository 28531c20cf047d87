#!/usr/bin/env node
/**
 * Start-up bundles, written after tsc in `npm run build` (docs/PERFORMANCE.md, "Start-up").
 * Node's ESM loader costs about a millisecond per module it resolves and loads, and a no-work
 * command used to load 35 to 50 of them. So:
 *
 * - dist/start.cjs: src/main.ts with the fast paths, the manifest dispatcher and the SDK core
 *   inlined (oclif and dist/cli.js stay outside: the full CLI imports them as before);
 * - <package>/dist/runners/<name>.bundle.cjs beside every runner of the kernel and the workspace
 *   plugins: the runner with its own modules, its npm packages and the SDK core inlined;
 * - the same twin beside every capability module a workspace plugin's package.json declares.
 *
 * CommonJS, loaded with require from bin/run.js (itself CommonJS: bin/package.json) and the SDK's
 * `loadModule`: the first `import` of a process starts node's ESM loader, 7-10 ms before any module
 * is read, and a command on these paths never needs it. `import.meta.url` becomes the bundle's own
 * file URL; a dynamic import of an npm package left outside stays an import() (ESM-only packages).
 *
 * All are only faster copies of what tsc wrote: bin/run.js, the dispatcher and the SDK's capability
 * loader use one only when it is at least as new as its package's tsbuildinfo (a later `tsc -b` makes them fall back to
 * dist/ until the next `npm run build`). The SDK keeps no state a second copy could split:
 * the activity label lives on globalThis and AigogoError is recognised by a Symbol.for brand.
 */
import {build} from 'esbuild'
import {existsSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'
import {fileURLToPath} from 'node:url'

import {lazyBuiltins} from './lazy-builtins.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * What stays outside a bundle: oclif always; in dist/start.cjs every npm package but the SDK (a
 * workspace package); runners inline their npm packages too (a CommonJS package imported from ESM
 * costs Node's CommonJS loader and export lexer, ~25 ms for `add file`'s two); runner and capability
 * twins inline those they import statically and leave the ones they import on demand (lazyPackages:
 * inlined, execa alone made `info`'s twin 500 KB to parse on every run for a credential helper).
 */
/**
 * Small CommonJS packages imported on demand that are inlined all the same: esbuild turns the
 * import into a call of the inlined module, which runs only then. Through Node's ESM loader
 * (CommonJS translation, export lexer, one file at a time) picomatch and ignore took 35-90 ms
 * to import; inlined, 5 ms when used, ~2 ms of parsing when not (the build's glob and gitignore
 * matchers, needed only for non-"auto" include and rules that are not plain names).
 */
const INLINED_WHEN_LAZY = new Set(['ignore', 'picomatch'])

function outside(inlinePackages, lazyPackages) {
  return {
    name: 'outside',
    setup(b) {
      b.onResolve({filter: /^[^./]/}, (args) => {
        if (args.path.startsWith('node:')) return undefined
        if (args.path.startsWith('@oclif/')) return {external: true, path: args.path}
        if (lazyPackages && args.kind === 'dynamic-import' && INLINED_WHEN_LAZY.has(args.path)) return undefined
        // A package a module imports only when it needs it (sigstore for a signature, execa to run
        // python) stays a separate import, so the twin costs what the module's import cost.
        if (lazyPackages && args.kind === 'dynamic-import') return {external: true, path: args.path}
        if (inlinePackages || ['@aigogo/sdk/core', '@aigogo/sdk/dirs', '@aigogo/sdk/output', '@aigogo/sdk/stdio'].includes(args.path)) return undefined
        return {external: true, path: args.path}
      })
    },
  }
}

/**
 * A module that finds files relative to itself (import.meta.url) must keep its depth under the
 * package when inlined into a bundle in another directory, or its relative paths point elsewhere.
 */
function packageDepth(file) {
  let dir = dirname(file)
  while (!existsSync(join(dir, 'package.json')) && dir !== dirname(dir)) dir = dirname(dir)
  return relative(dir, dirname(file)).split(sep).length
}

function checkRelativePaths(metafile, outfile) {
  const outDepth = packageDepth(outfile)
  for (const input of Object.keys(metafile.inputs)) {
    const file = resolve(root, input)
    if (!file.endsWith('.js') || !readFileSync(file, 'utf8').includes('import.meta')) continue
    if (packageDepth(file) !== outDepth) {
      throw new Error(`${input} uses import.meta and would move to another depth in ${relative(root, outfile)}: resolve its paths from the package root instead`)
    }
  }
}

/**
 * A node built-in imported with import() is the object process.getBuiltinModule returns: left as an
 * import() it would start the ESM loader (see above). A static import stays what esbuild makes of
 * it in CommonJS, a plain require: wrapped like this one, each would pay esbuild's __toESM copy of
 * every export (node:fs has ~100) at load.
 */
function builtinsWithoutFacade() {
  return {
    name: 'builtins-without-facade',
    setup(b) {
      b.onResolve({filter: /^node:/}, (args) => (args.kind === 'dynamic-import' ? {namespace: 'builtin', path: args.path} : undefined))
      b.onLoad({filter: /.*/, namespace: 'builtin'}, (args) => ({contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)})`, loader: 'js'}))
    },
  }
}

async function bundle(entry, outfile, {external = [], inlinePackages = false, lazyPackages = false} = {}) {
  const result = await build({
    banner: {js: 'var __aigogoImportMetaUrl = require("node:url").pathToFileURL(__filename).href;'},
    bundle: true,
    define: {'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename', 'import.meta.url': '__aigogoImportMetaUrl'},
    entryPoints: [entry],
    external,
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    outfile,
    platform: 'node',
    plugins: [lazyBuiltins(), builtinsWithoutFacade(), outside(inlinePackages, lazyPackages)],
    target: 'node20',
  })
  checkRelativePaths(result.metafile, outfile)
  // Any other use of import.meta would be undefined in CommonJS: refuse the bundle instead.
  const lost = result.warnings.filter((w) => w.text.includes('import.meta'))
  if (lost.length > 0) throw new Error(`${relative(root, entry)}: ${lost.map((w) => `${w.location?.file}:${w.location?.line}: ${w.text}`).join('; ')}`)
  // The ESM twin an earlier build wrote (<name>.bundle.js) is no longer read: not shipped either.
  rmSync(outfile.replace(/\.cjs$/, '.js'), {force: true})
}

await bundle(join(root, 'dist', 'main.js'), join(root, 'dist', 'start.cjs'), {external: ['./cli.js']})

const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const packages = [root, ...(pjson.oclif?.plugins ?? []).map((name) => join(root, 'node_modules', name))]
let count = 0
for (const dir of packages) {
  const runners = join(dir, 'dist', 'runners')
  if (!existsSync(runners)) continue
  for (const name of readdirSync(runners)) {
    if (!name.endsWith('.js') || name.endsWith('.bundle.js')) continue
    await bundle(join(runners, name), join(runners, name.replace(/\.js$/, '.bundle.cjs')), {inlinePackages: true, lazyPackages: true})
    count++
  }
}

// Capability modules and fast paths (package.json "aigogo.capabilities", "aigogo.fastPaths"), which
// the SDK's loader and src/fast-path.ts load through the same freshness rule (src/sdk/bundled-twin.ts):
// one module each instead of ~45.
const capabilityModules = new Set()
for (const dir of packages) {
  const {capabilities = {}, fastPaths = {}} = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).aigogo ?? {}
  for (const path of [...Object.values(capabilities), ...Object.values(fastPaths)]) if (typeof path === 'string' && path.endsWith('.js')) capabilityModules.add(resolve(dir, path))
}
for (const file of capabilityModules) await bundle(file, file.replace(/\.js$/, '.bundle.cjs'), {inlinePackages: true, lazyPackages: true})
console.log(`start-up bundles: dist/start.cjs, ${count} runners and ${capabilityModules.size} capability and fast-path modules`)
