/**
 * Fast paths: a plugin may answer the common, cheap case of one of its commands before oclif
 * loads (importing oclif costs about as much as starting node). It declares, in package.json,
 *
 *   "aigogo": {"fastPaths": {"install": "./dist/fast-paths/install.js"}}
 *
 * and the module's default export receives the arguments after the command word. It returns
 * true when it answered, false to hand the command to the full CLI, which then also handles
 * every error. The owner is found the way discovery finds it (an installed copy shadows the
 * bundled one) from a few small JSON files; anything unexpected falls through to the full CLI.
 */
import {aigogoDirs} from '@aigogo/sdk/dirs'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

type FastPath = (argv: string[]) => Promise<boolean>

interface PackageJson {
  name?: string
  aigogo?: {fastPaths?: Record<string, string>}
  oclif?: {plugins?: string[]}
}

interface StateRecord {
  name: string
  package: string
  kind: string
  root?: string
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** Plugin roots in the order discovery gives them priority for a bundled command. */
function pluginRoots(kernelRoot: string, kernel: PackageJson): string[] {
  const dirs = aigogoDirs()
  const records = readJson<{plugins?: StateRecord[]}>(join(dirs.state, 'plugins.json'))?.plugins ?? []
  const installed = new Map(records.map((r) => [r.package, r.kind === 'linked' && r.root ? r.root : join(dirs.plugins, r.name)]))
  return (kernel.oclif?.plugins ?? []).map((name) => installed.get(name) ?? join(kernelRoot, 'node_modules', name))
}

export async function tryFastPath(kernelRoot: string, argv: readonly string[]): Promise<boolean> {
  const [command, ...rest] = argv
  if (!command || command.startsWith('-')) return false
  const kernel = readJson<PackageJson>(join(kernelRoot, 'package.json'))
  if (!kernel) return false
  for (const root of pluginRoots(kernelRoot, kernel)) {
    const target = readJson<PackageJson>(join(root, 'package.json'))?.aigogo?.fastPaths?.[command]
    if (!target) continue
    try {
      const answer = ((await import(pathToFileURL(join(root, target)).href)) as {default: FastPath}).default
      return await answer(rest)
    } catch {
      return false
    }
  }
  return false
}
