/** Shared setup of the signing tests: the CLI, packages built and pushed with it, the plugin set for in-process capability calls. */
import {readFileSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {capability, type PluginSource, type ReferrersCapability} from '@aigogo/sdk/core'

import {aigogo, REPO_ROOT, type RunOptions, type RunResult} from '../../../test/helpers/cli.js'

export {aigogo, REPO_ROOT, tempDir, jsonError} from '../../../test/helpers/cli.js'

export const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

export function ok(result: RunResult): RunResult {
  if (result.exitCode !== 0) throw new Error(`aigogo failed (${result.exitCode}):\n${result.stderr}\n${result.stdout}`)
  return result
}

export function json<T>(result: RunResult): T {
  return JSON.parse(ok(result).stdout) as T
}

export function run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return aigogo(args, options)
}

/** Builds a small Python package with the CLI (init, add file, build) and returns its local ref. */
export async function buildPackage(root: string, home: string, name: string, content = 'X = 1\n'): Promise<string> {
  const dir = join(root, name)
  await mkdir(dir, {recursive: true})
  ok(await aigogo(['init', '--name', name, '--description', `a package called ${name}`], {cwd: dir, home}))
  await writeFile(join(dir, 'mod.py'), content)
  ok(await aigogo(['add', 'file', 'mod.py'], {cwd: dir, home}))
  const built = json<{ref?: string; name?: string; version?: string}>(await aigogo(['build', '--json', '--force'], {cwd: dir, home}))
  return built.ref ?? `${built.name}:${built.version}`
}

/** Pushes a local build; returns the manifest digest. */
export async function push(ref: string, build: string, home: string): Promise<string> {
  return json<{digest: string}>(await aigogo(['push', ref, '--from', build, '--json'], {home})).digest
}

/** The first-party plugins as the host would list them, for capability lookups in the test process. */
export function pluginSet(names: string[]): PluginSource[] {
  return names.map((name) => {
    const root = join(REPO_ROOT, 'plugins', name)
    return {name, pjson: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown, root}
  })
}

export async function referrersCapability(): Promise<ReferrersCapability> {
  return capability(pluginSet(['registry']), 'referrers')
}
