/**
 * The file to import for a module of a plugin (a runner, a capability): its self-contained twin
 * `<name>.bundle.cjs` (written beside it by the kernel's scripts/bundle-start.mjs: one module
 * instead of the module's own, its npm packages' and the SDK's) when the twin exists and is not
 * older than the builds it was made from, else the module itself. A `tsc -b` after the last
 * `npm run build` leaves the twin older than a tsbuildinfo, and the module tsc wrote is used, so
 * stale code never runs. Installed packages ship no tsbuildinfo. Node's ESM loader costs about a
 * millisecond per module, and one capability with the SDK behind it is ~45 of them.
 *
 * Twins are CommonJS, loaded with require (`loadModule`): node's ESM loader, which an `import()`
 * starts, costs a command 7-10 ms before the first module is read (docs/PERFORMANCE.md, "Start-up").
 */
import {statSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

function mtime(file: string): number {
  return statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? -1
}

/** `modulePath` is relative to `pluginRoot` ("./dist/runners/list.js"); `kernelRoot` holds the SDK (src/sdk). */
export function bundledTwin(pluginRoot: string, modulePath: string, kernelRoot: string): string {
  const file = join(pluginRoot, modulePath)
  if (!file.endsWith('.js')) return file
  const twin = file.slice(0, -'.js'.length) + '.bundle.cjs'
  const made = mtime(twin)
  if (made < 0) return file
  const sources = [join(pluginRoot, 'tsconfig.tsbuildinfo'), join(kernelRoot, 'src', 'sdk', 'dist', 'tsconfig.tsbuildinfo')]
  return sources.every((source) => made >= mtime(source)) ? twin : file
}

/** A module's exports: a CommonJS twin through require (no ESM loader), anything else through import(). */
export async function loadModule(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.cjs')) return process.getBuiltinModule('node:module').createRequire(file)(file) as Record<string, unknown>
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>
}

/**
 * A plugin's module (a capability, a fast path) by the rule above: its twin when fresh, and the
 * module tsc wrote when there is none or the twin fails to load (that one's failure is the answer).
 * Without the kernel's root, the module itself.
 */
export async function loadPluginModule(pluginRoot: string, modulePath: string, kernelRoot: string | undefined): Promise<Record<string, unknown>> {
  const file = join(pluginRoot, modulePath)
  const twin = kernelRoot === undefined ? file : bundledTwin(pluginRoot, modulePath, kernelRoot)
  return loadModule(twin).catch((error: unknown) => (twin === file ? Promise.reject(error) : loadModule(file)))
}
