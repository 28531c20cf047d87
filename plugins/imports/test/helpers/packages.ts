/** Building real packages with the real CLI (aigogo build) for the consumer-side tests. */
import {mkdir, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {aigogo, type RunResult} from '../../../../test/helpers/cli.js'
import {useTempWorkDir} from '../../../../test/helpers/temp-work-dir.js'

export interface PackageSpec {
  name: string
  version?: string
  language?: 'python' | 'javascript'
  files: Record<string, string>
  scripts?: Record<string, string>
  runtime?: Array<{package: string; version: string}>
  ai?: {summary: string; capabilities: string[]; usage?: string}
}

export function ok(result: RunResult): RunResult {
  if (result.exitCode !== 0) throw new Error(`aigogo failed (${result.exitCode}):\n${result.stdout}\n${result.stderr}`)
  return result
}

/** Writes the package into `dir` and builds it as name:version in `home`'s local cache. */
export async function buildPackage(home: string, dir: string, spec: PackageSpec): Promise<string> {
  const language = spec.language ?? 'python'
  await mkdir(dir, {recursive: true})
  for (const [file, content] of Object.entries(spec.files)) {
    await mkdir(dirname(join(dir, file)), {recursive: true})
    await writeFile(join(dir, file), content)
  }
  const manifest = {
    name: spec.name,
    version: spec.version ?? '1.0.0',
    language: {name: language, version: language === 'python' ? '>=3.8' : '>=18'},
    ...(spec.runtime ? {dependencies: {runtime: spec.runtime}} : {}),
    files: {include: Object.keys(spec.files)},
    ...(spec.scripts ? {scripts: spec.scripts} : {}),
    ...(spec.ai ? {ai: spec.ai} : {}),
  }
  await writeFile(join(dir, 'aigogo.json'), JSON.stringify(manifest, null, 2) + '\n')
  const ref = `${spec.name}:${spec.version ?? '1.0.0'}`
  ok(await aigogo(['build', ref, '--force', '--no-validate'], {cwd: dir, home}))
  return ref
}

/**
 * A temp work dir (one per test, or one for the file) and the AIGOGO_HOME packages are built
 * into, <work>/home. Read the fields inside tests and hooks.
 */
export function useWorkAndHome(per: 'test' | 'file'): {readonly work: string; readonly home: string} {
  const dir = useTempWorkDir(undefined, {per})
  return {
    get home() {
      return join(dir.path, 'home')
    },
    get work() {
      return dir.path
    },
  }
}
