/**
 * The per-package dependency environment of `aigogo exec`: AIGOGO_HOME/envs/<hash>/, built once.
 * A ".complete" marker is written last, so a half-built environment (a failed pip, a kill) is
 * rebuilt next time instead of being reused as upstream did. Virtualenvs are not relocatable,
 * so the environment is built in place (under a lock) rather than staged and renamed.
 */
import {execa} from 'execa'
import {access, mkdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {type AigogoDirs, type Dependency, joinInside, messageOf, preconditionError, withLock} from '@aigogo/sdk/core'

import {environmentName} from './environment-name.js'

export {environmentName} from './environment-name.js'

const COMPLETE = '.complete'

export interface ExecEnvironment {
  dir: string
  /** Python: the venv's interpreter. */
  python?: string
  /** Node: the node_modules directory. */
  nodeModules?: string
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false)

function depsFailed(what: string, output: string, dir: string): Error {
  const tail = output.trim().split('\n').slice(-8).join('\n')
  return preconditionError('EXEC_DEPS_FAILED', `${what} failed while setting up the package's dependencies${tail ? `:\n${tail}` : ''}`, [
    'check that the package index (PyPI / the npm registry) is reachable from this machine, or that local paths exist',
    'the half-built environment was removed; the next run tries again',
  ], {env: dir})
}

/** A requirement line: "pkg>=1.0", or "pkg @ file:///abs/path" for a local-path version. */
export function requirementLine(dep: Dependency): string {
  const v = dep.version.trim()
  if (v.startsWith('file:') || v.startsWith('/') || v.startsWith('./')) return `${dep.package} @ ${v.startsWith('file:') ? v : `file://${v}`}`
  return `${dep.package}${v}`
}

async function run(file: string, args: string[], what: string, dir: string, quiet: boolean): Promise<void> {
  const result = await execa(file, args, {all: true, reject: false})
  // The installer's talk goes to stderr: stdout belongs to the script that runs next.
  if (!quiet && result.all) process.stderr.write(String(result.all).trimEnd() + '\n')
  if (result.failed) throw depsFailed(what, String(result.all ?? result.stderr ?? messageOf(result)), dir)
}

async function buildPython(dir: string, interpreter: string, deps: readonly Dependency[], quiet: boolean): Promise<string> {
  const venv = join(dir, '.venv')
  const python = join(venv, 'bin', 'python')
  const requirements = join(dir, 'requirements.txt')
  await writeFile(requirements, deps.map(requirementLine).join('\n') + '\n')
  const uv = await execa('uv', ['venv', venv, '--python', interpreter], {reject: false})
  if (!uv.failed) {
    await run('uv', ['pip', 'install', '--python', python, '-r', requirements], 'uv pip install', dir, quiet)
    return python
  }
  const venvResult = await execa(interpreter, ['-m', 'venv', venv], {all: true, reject: false})
  if (venvResult.failed) {
    throw preconditionError('EXEC_VENV_FAILED', `cannot create a virtual environment with ${interpreter}: ${String(venvResult.all ?? '').trim().split('\n').at(-1)}`, [
      'install the python3-venv package, or install uv',
    ])
  }
  await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', requirements], 'pip install', dir, quiet)
  return python
}

async function buildNode(dir: string, name: string, deps: readonly Dependency[], quiet: boolean): Promise<void> {
  const dependencies = Object.fromEntries(deps.map((d) => [d.package, d.version]))
  await writeFile(join(dir, 'package.json'), JSON.stringify({dependencies, name: `${name}-exec-env`, private: true, version: '1.0.0'}, null, 2) + '\n')
  await run('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--omit=dev'], 'npm install', dir, quiet)
}

export async function ensureEnvironment(input: {
  dirs: AigogoDirs
  integrity: string
  language: string
  name: string
  interpreter: string
  deps: readonly Dependency[]
  quiet: boolean
  say: (m: string) => void
}): Promise<ExecEnvironment | undefined> {
  if (input.deps.length === 0) return undefined
  const hex = environmentName(input.integrity)
  const dir = joinInside(join(input.dirs.home, 'envs'), hex)
  const python = input.language === 'python' ? join(dir, '.venv', 'bin', 'python') : undefined
  const describe = (): ExecEnvironment => (python ? {dir, python} : {dir, nodeModules: join(dir, 'node_modules')})
  if (await exists(join(dir, COMPLETE))) return describe()
  return withLock(join(input.dirs.locks, `env-${hex.slice(0, 16)}.lock`), async () => {
    if (await exists(join(dir, COMPLETE))) return describe()
    await rm(dir, {force: true, recursive: true})
    await mkdir(dir, {recursive: true})
    input.say(`Installing dependencies for ${input.name} (first run)...`)
    try {
      if (python) await buildPython(dir, input.interpreter, input.deps, input.quiet)
      else await buildNode(dir, input.name, input.deps, input.quiet)
    } catch (error) {
      await rm(dir, {force: true, recursive: true})
      throw error
    }
    await writeFile(join(dir, COMPLETE), new Date().toISOString() + '\n')
    return describe()
  }, {timeoutMs: 10 * 60_000, what: `the exec environment of ${input.name}`})
}
