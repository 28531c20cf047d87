/**
 * The file the dispatcher imports for a runner: its self-contained twin `<name>.bundle.js`
 * (written beside it by scripts/bundle-start.mjs: one module instead of the runner's own modules
 * and the SDK's) when it exists and is not older than the builds it was made from, else the
 * runner itself. A `tsc -b` after the last `npm run build` leaves the twin older than a
 * tsbuildinfo, and the runner tsc wrote is used. Installed packages ship no tsbuildinfo.
 */
import {statSync} from 'node:fs'
import {join} from 'node:path'

function mtime(file: string): number {
  return statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? -1
}

export function runnerModule(pluginRoot: string, runner: string, kernelRoot: string): string {
  const file = join(pluginRoot, runner)
  if (!file.endsWith('.js')) return file
  const twin = file.slice(0, -'.js'.length) + '.bundle.js'
  const made = mtime(twin)
  if (made < 0) return file
  const sources = [join(pluginRoot, 'tsconfig.tsbuildinfo'), join(kernelRoot, 'src', 'sdk', 'dist', 'tsconfig.tsbuildinfo')]
  return sources.every((source) => made >= mtime(source)) ? twin : file
}
