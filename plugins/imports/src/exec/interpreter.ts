/** The interpreter for a package's script, honouring language.version (upstream §8.1 step 5). */
import {execa} from 'execa'
import {access, constants} from 'node:fs/promises'
import {delimiter, isAbsolute, join} from 'node:path'
import semver from 'semver'

import {preconditionError, usageError} from '@aigogo/sdk/core'

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (isAbsolute(name)) return (await access(name, constants.X_OK).then(() => true, () => false)) ? name : undefined
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate
  }
  return undefined
}

/** A PEP 440 / npm constraint as a semver range; undefined when it cannot be read (then anything goes). */
export function toSemverRange(constraint: string): string | undefined {
  const text = constraint
    .split(',')
    .map((part) => part.trim())
    .map((part) => {
      const compatible = /^~=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(part)
      if (compatible) return compatible[3] === undefined ? `>=${compatible[1]}.${compatible[2]} <${Number(compatible[1]) + 1}` : `~${compatible[1]}.${compatible[2]}.${compatible[3]}`
      return part.replace(/^==\s*/, '').replace(/^!=.*$/, '')
    })
    .join(' ')
  return semver.validRange(text, {loose: true}) ?? undefined
}

export function satisfies(version: string, constraint: string | undefined): boolean {
  if (!constraint || constraint.trim() === '') return true
  const range = toSemverRange(constraint)
  const coerced = semver.coerce(version)
  if (!range || !coerced) return true
  return semver.satisfies(coerced, range)
}

async function versionOf(interpreter: string, stream: 'stdout' | 'both'): Promise<string | undefined> {
  const result = await execa(interpreter, ['--version'], {reject: false, timeout: 15_000})
  const text = stream === 'stdout' ? String(result.stdout) : `${String(result.stdout)} ${String(result.stderr)}`
  return /(\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1]
}

export async function pythonInterpreter(cwd: string, constraint: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const candidates = [
    ...(env.VIRTUAL_ENV ? [join(env.VIRTUAL_ENV, 'bin', 'python')] : []),
    join(cwd, 'venv', 'bin', 'python'),
    join(cwd, '.venv', 'bin', 'python'),
    'python3',
    'python',
  ]
  for (const candidate of candidates) {
    const found = await onPath(candidate, env)
    if (!found) continue
    if (constraint && !satisfies((await versionOf(found, 'both')) ?? '', constraint)) continue
    return found
  }
  throw preconditionError('PYTHON_NOT_FOUND', constraint ? `no Python interpreter satisfies ${constraint}` : 'python not found on PATH', [
    constraint ? 'install a compatible Python or activate a virtual environment that has one' : 'install Python 3 to run Python packages',
  ])
}

export async function nodeInterpreter(constraint: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const node = (await onPath('node', env)) ?? process.execPath
  const version = node === process.execPath ? process.version.slice(1) : await versionOf(node, 'stdout')
  if (constraint && version && !satisfies(version, constraint)) {
    throw preconditionError('NODE_VERSION_MISMATCH', `node ${version} does not satisfy ${constraint}`, ['install a compatible Node.js version'])
  }
  return node
}

export async function interpreterFor(language: string, cwd: string, constraint: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (language === 'python') return pythonInterpreter(cwd, constraint, env)
  if (language === 'javascript' || language === 'typescript') return nodeInterpreter(constraint, env)
  throw usageError('UNSUPPORTED_LANGUAGE', `exec is not supported for language "${language}" (supported: python, javascript)`)
}
