#!/usr/bin/env node
/**
 * Start-up bundles, written after tsc in `npm run build` (docs/PERFORMANCE.md, "Start-up").
 * Node's ESM loader costs about a millisecond per module it resolves and loads, and a no-work
 * command used to load 35 to 50 of them. So:
 *
 * - dist/start.js: src/main.ts with the fast paths, the manifest dispatcher and the SDK core
 *   inlined (oclif and dist/cli.js stay outside: the full CLI imports them as before);
 * - <package>/dist/runners/<name>.bundle.js beside every runner of the kernel and the workspace
 *   plugins: the runner with its own modules, its npm packages and the SDK core inlined;
 * - the same twin beside every capability module a workspace plugin's package.json declares.
 *
 * All are only faster copies of what tsc wrote: bin/run.js, the dispatcher and the SDK's capability
 * loader use one only when it is at least as new as its package's tsbuildinfo (a later `tsc -b` makes them fall back to
 * dist/ until the next `npm run build`). The SDK keeps no state a second copy could split:
 * the activity label lives on globalThis and AigogoError is recognised by a Symbol.for brand.
 */
import {build} from 'esbuild'
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * What stays outside a bundle: oclif always; in dist/start.js every npm package but the SDK (a
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
        if (inlinePackages || ['@aigogo/sdk/core', '@aigogo/sdk/dirs', '@aigogo/sdk/output'].includes(args.path)) return undefined
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
 * A node built-in imported from ESM gets a module facade whose creation reads every export, and
 * node:fs's lazy getters (ReadStream, promises...) then load node's streams: 4-7 ms on every
 * command for `import {statSync} from 'node:fs'` (a tenth of a no-work command). In a bundle each
 * built-in is instead the object process.getBuiltinModule returns (Node >= 20.16), which costs
 * nothing more than the module itself; esbuild reads its exports as properties, when used.
 */
function builtinsWithoutFacade() {
  return {
    name: 'builtins-without-facade',
    setup(b) {
      b.onResolve({filter: /^node:/}, (args) => (args.kind === 'import-statement' || args.kind === 'dynamic-import' ? {namespace: 'builtin', path: args.path} : undefined))
      b.onLoad({filter: /.*/, namespace: 'builtin'}, (args) => ({contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)})`, loader: 'js'}))
    },
  }
}

async function bundle(entry, outfile, {external = [], inlinePackages = false, lazyPackages = false} = {}) {
  const result = await build({
    // Inlined CommonJS may require node built-ins at run time.
    banner: inlinePackages ? {js: "import {createRequire as __aigogoRequire} from 'node:module'; const require = __aigogoRequire(import.meta.url);"} : {},
    bundle: true,
    entryPoints: [entry],
    external,
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    outfile,
    platform: 'node',
    plugins: [builtinsWithoutFacade(), outside(inlinePackages, lazyPackages)],
    target: 'node20',
  })
  checkRelativePaths(result.metafile, outfile)
}

await bundle(join(root, 'dist', 'main.js'), join(root, 'dist', 'start.js'), {external: ['./cli.js']})

const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const packages = [root, ...(pjson.oclif?.plugins ?? []).map((name) => join(root, 'node_modules', name))]
let count = 0
for (const dir of packages) {
  const runners = join(dir, 'dist', 'runners')
  if (!existsSync(runners)) continue
  for (const name of readdirSync(runners)) {
    if (!name.endsWith('.js') || name.endsWith('.bundle.js')) continue
    await bundle(join(runners, name), join(runners, name.replace(/\.js$/, '.bundle.js')), {inlinePackages: true, lazyPackages: true})
    count++
  }
}

// Capability modules (package.json "aigogo.capabilities"), which the SDK's loader imports through
// the same freshness rule (src/sdk/bundled-twin.ts): one module each instead of ~45.
const capabilityModules = new Set()
for (const dir of packages) {
  const declared = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).aigogo?.capabilities ?? {}
  for (const path of Object.values(declared)) if (typeof path === 'string' && path.endsWith('.js')) capabilityModules.add(resolve(dir, path))
}
for (const file of capabilityModules) await bundle(file, file.replace(/\.js$/, '.bundle.js'), {inlinePackages: true, lazyPackages: true})
console.log(`start-up bundles: dist/start.js, ${count} runners and ${capabilityModules.size} capability modules`)
