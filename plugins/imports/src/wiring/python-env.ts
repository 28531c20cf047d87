/**
 * Which Python the project uses, and its site-packages. Order: --python, the active virtualenv
 * (VIRTUAL_ENV), a .venv or venv in the project (uv and `python -m venv` default), uv's
 * UV_PROJECT_ENVIRONMENT, Poetry's environment (`poetry env info --path`, when the project uses
 * Poetry and poetry is installed), else python3 on PATH. Upstream only knew VIRTUAL_ENV and python3.
 */
import {access, readFile, readdir, stat} from 'node:fs/promises'
import {dirname, isAbsolute, join, resolve} from 'node:path'

import {messageOf, preconditionError} from '@aigogo/sdk/core'

export interface PythonChoice {
  /** The interpreter to ask (absolute path or a PATH name). */
  interpreter: string
  /** Why this one: "--python", "VIRTUAL_ENV", ".venv", "uv", "poetry", "PATH". */
  reason: string
  /** The environment root, when it is a virtualenv. */
  envDir?: string
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false)

function venvPython(envDir: string): string {
  return process.platform === 'win32' ? join(envDir, 'Scripts', 'python.exe') : join(envDir, 'bin', 'python')
}

async function poetryEnv(projectDir: string): Promise<string | undefined> {
  const pyproject = await readFile(join(projectDir, 'pyproject.toml'), 'utf8').catch(() => '')
  if (!/^\[tool\.poetry\]/m.test(pyproject)) return undefined
  const {execa} = await import('execa')
  const result = await execa('poetry', ['env', 'info', '--path'], {cwd: projectDir, reject: false, timeout: 20_000})
  const path = String(result.stdout).trim()
  return result.exitCode === 0 && path !== '' ? path : undefined
}

/** The inputs that decide the choice, cheap to read: part of the install stamp. */
export function pythonChoiceInputs(projectDir: string, explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return JSON.stringify([explicit ?? '', env.VIRTUAL_ENV ?? '', env.UV_PROJECT_ENVIRONMENT ?? '', env.PATH ?? '', projectDir])
}

/**
 * The environments ranked before `choice` that did not exist when it was made (their pyvenv.cfg
 * paths): should one appear (`python3 -m venv .venv` after an install), the choice is stale,
 * so the install stamp lists them as paths that must stay absent. `undefined` when a cheap check
 * cannot tell (a Poetry project whose environment may be created later): then no stamp is kept.
 */
export async function pythonChoiceWatch(projectDir: string, choice: PythonChoice, env: NodeJS.ProcessEnv = process.env): Promise<string[] | undefined> {
  if (choice.reason === '--python' || choice.reason === 'VIRTUAL_ENV') return []
  const candidates: Array<[string, string]> = [['.venv', join(projectDir, '.venv')], ['venv', join(projectDir, 'venv')]]
  if (env.UV_PROJECT_ENVIRONMENT) candidates.push(['uv', resolve(projectDir, env.UV_PROJECT_ENVIRONMENT)])
  const before = candidates.slice(0, Math.max(0, candidates.findIndex(([reason]) => reason === choice.reason))).map(([, dir]) => join(dir, 'pyvenv.cfg'))
  if (choice.reason === 'PATH') {
    const pyproject = await readFile(join(projectDir, 'pyproject.toml'), 'utf8').catch(() => '')
    if (/^\[tool\.poetry\]/m.test(pyproject)) return undefined
    return candidates.map(([, dir]) => join(dir, 'pyvenv.cfg'))
  }
  return choice.reason === 'poetry' ? candidates.map(([, dir]) => join(dir, 'pyvenv.cfg')) : before
}

export async function choosePython(projectDir: string, explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<PythonChoice> {
  if (explicit) {
    const interpreter = isAbsolute(explicit) || explicit.includes('/') ? resolve(explicit) : explicit
    // <env>/bin/python of a virtualenv: Python finds pyvenv.cfg beside or above its executable, and
    // so can we, without starting it (an install would otherwise spend ~30 ms asking it).
    const envDir = interpreter.includes('/') ? dirname(dirname(interpreter)) : undefined
    if (envDir && (await exists(join(envDir, 'pyvenv.cfg')))) return {envDir, interpreter, reason: '--python'}
    return {interpreter, reason: '--python'}
  }
  if (env.VIRTUAL_ENV && env.VIRTUAL_ENV.trim() !== '') {
    return {envDir: env.VIRTUAL_ENV, interpreter: venvPython(env.VIRTUAL_ENV), reason: 'VIRTUAL_ENV'}
  }
  for (const name of ['.venv', 'venv']) {
    const envDir = join(projectDir, name)
    if (await exists(join(envDir, 'pyvenv.cfg'))) return {envDir, interpreter: venvPython(envDir), reason: name}
  }
  if (env.UV_PROJECT_ENVIRONMENT) {
    const envDir = resolve(projectDir, env.UV_PROJECT_ENVIRONMENT)
    if (await exists(join(envDir, 'pyvenv.cfg'))) return {envDir, interpreter: venvPython(envDir), reason: 'uv'}
  }
  const poetry = await poetryEnv(projectDir).catch(() => undefined)
  if (poetry) return {envDir: poetry, interpreter: venvPython(poetry), reason: 'poetry'}
  return {interpreter: 'python3', reason: 'PATH'}
}

/** The virtualenv layout without running Python: lib/python*\/site-packages (first, lexically). */
async function venvSitePackages(envDir: string): Promise<string | undefined> {
  const lib = join(envDir, 'lib')
  const versions = (await readdir(lib).catch(() => [] as string[])).filter((d) => d.startsWith('python')).sort()
  for (const version of versions) {
    const candidate = join(lib, version, 'site-packages')
    if (await stat(candidate).then((s) => s.isDirectory(), () => false)) return candidate
  }
  const windows = join(envDir, 'Lib', 'site-packages')
  return (await exists(windows)) ? windows : undefined
}

const SITE_SCRIPT = [
  'import json, os, site, sys, sysconfig',
  "p = sysconfig.get_path('purelib')",
  // PEP 668: outside a virtualenv, a marker in the stdlib directory means the distribution owns
  // this interpreter's packages (pip refuses to write there without --break-system-packages).
  "marker = os.path.join(sysconfig.get_path('stdlib'), 'EXTERNALLY-MANAGED')",
  "managed = sys.prefix == sys.base_prefix and os.path.isfile(marker)",
  // A system interpreter whose site-packages we cannot write (not root): the user site, as pip --user does.
  "print(json.dumps({'site': p if os.access(p, os.W_OK) or not site.ENABLE_USER_SITE else site.getusersitepackages(), 'managed': marker if managed else None}))",
].join('\n')

/**
 * Where aigogo.pth goes for this interpreter. EXTERNALLY_MANAGED (exit 2) for an interpreter
 * the distribution manages (PEP 668), unless `breakSystemPackages`, as pip does.
 */
export async function sitePackagesFor(choice: PythonChoice, options: {breakSystemPackages?: boolean} = {}): Promise<string> {
  if (choice.envDir) {
    const found = await venvSitePackages(choice.envDir)
    if (found) return found
  }
  let stdout: string
  try {
    // Loaded here: most installs find the site-packages of a virtualenv without running Python.
    const {execa} = await import('execa')
    stdout = String((await execa(choice.interpreter, ['-c', SITE_SCRIPT], {timeout: 30_000})).stdout).trim()
  } catch (error) {
    throw preconditionError('PYTHON_NOT_FOUND', `cannot ask ${choice.interpreter} (${choice.reason}) for its site-packages: ${messageOf(error).split('\n')[0]}`, [
      'install python3, activate a virtualenv, or pass --python <path-to-python>',
      'or add the imports directory to PYTHONPATH yourself (printed below by install)',
    ])
  }
  let answer: {site?: unknown; managed?: unknown}
  try {
    answer = JSON.parse(stdout.split('\n').pop() ?? '') as {site?: unknown; managed?: unknown}
  } catch {
    answer = {}
  }
  if (typeof answer.site !== 'string' || answer.site === '') throw preconditionError('PYTHON_NOT_FOUND', `${choice.interpreter} reported no site-packages directory`, ['pass --python <path-to-python>'])
  if (typeof answer.managed === 'string' && !options.breakSystemPackages) {
    throw preconditionError('EXTERNALLY_MANAGED', `${choice.interpreter} (${choice.reason === 'PATH' ? 'python3 on PATH' : choice.reason}) is externally managed (${answer.managed}): its packages belong to the system package manager, so aigogo will not put a .pth into ${answer.site}`, [
      'create a virtualenv for the project and install again: python3 -m venv .venv && aigogo install',
      'or choose another interpreter: aigogo install --python <path-to-python>',
      'or write into it anyway, as pip --break-system-packages does: aigogo install --break-system-packages',
    ], {interpreter: choice.interpreter, marker: answer.managed, site: answer.site})
  }
  return answer.site
}
