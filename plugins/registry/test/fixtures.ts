/**
 * Shared test setup: a package built with the real CLI (init, add file, build), and helpers.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll} from 'vitest'

import {aigogo, type RunResult} from '../../../test/helpers/cli.js'
import {type RegistryWorkspace, useRegistryWorkspace} from '../../../test/helpers/registry-per-file.js'

export interface BuiltPackage {
  home: string
  dir: string
  /** The local build ref, name:version. */
  build: string
  integrity: string
}

export function ok(result: RunResult): RunResult {
  if (result.exitCode !== 0) throw new Error(`aigogo failed (${result.exitCode}):\n${result.stderr}\n${result.stdout}`)
  return result
}

export async function buildPackage(root: string, name = 'my-utils', files: Record<string, string> = {'sub/mod.py': 'X = 1\n', 'utils.py': 'def hi():\n    return "hi"\n'}): Promise<BuiltPackage> {
  const home = join(root, 'home')
  const dir = join(root, name)
  await mkdir(dir, {recursive: true})
  ok(await aigogo(['init', '--name', name, '--description', `helpers called ${name}`], {cwd: dir, home}))
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), {recursive: true})
    await writeFile(join(dir, path), content)
  }
  ok(await aigogo(['add', 'file', ...Object.keys(files)], {cwd: dir, home}))
  const built = JSON.parse(ok(await aigogo(['build', '--json'], {cwd: dir, home})).stdout) as {ref?: string; integrity?: string; name?: string; version?: string}
  const build = built.ref ?? `${built.name}:${built.version}`
  return {build, dir, home, integrity: String(built.integrity)}
}

/**
 * A registry and a temp root for the test file, and a package built (buildPackage's arguments)
 * in that root before the file's tests. Read the fields inside tests and hooks.
 */
export function useBuiltPackage(name?: string, files?: Record<string, string>): RegistryWorkspace & {readonly pkg: BuiltPackage} {
  const workspace = useRegistryWorkspace()
  let pkg: BuiltPackage | undefined
  beforeAll(async () => {
    pkg = await buildPackage(workspace.root, name, files)
  }, 60_000)
  return {
    get pkg(): BuiltPackage {
      if (!pkg) throw new Error('the package is read before its beforeAll hook ran')
      return pkg
    },
    get registry() {
      return workspace.registry
    },
    get root() {
      return workspace.root
    },
  }
}

export function json<T>(result: RunResult): T {
  return JSON.parse(ok(result).stdout) as T
}
