/** `aigogo exec <package>[:<script>] [args...]`: run a locked package's script (upstream §8.1). */
import {access} from 'node:fs/promises'
import {delimiter} from 'node:path'

import {type AigogoDirs, dataError, internalError, isSafeRelativePath, joinInside, messageOf, quoteUntrusted} from '@aigogo/sdk/core'

import {loadProjectLock} from '../install/project.js'
import {type PackageSources, resolvePackages} from '../install/resolve-packages.js'
import {ensureEnvironment} from './environment.js'
import {interpreterFor} from './interpreter.js'
import {findLockEntry, pickScript, splitTarget} from './pick-script.js'
import {runChild} from './run-child.js'

export interface ExecInput {
  target: string
  args: readonly string[]
  cwd: string
  dirs: AigogoDirs
  env: NodeJS.ProcessEnv
  say: (m: string) => void
}

const prepend = (value: string, existing: string | undefined): string => (existing ? `${value}${delimiter}${existing}` : value)

export async function execPackage(deps: PackageSources, input: ExecInput): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
  const {name, script} = splitTarget(input.target)
  const loaded = await loadProjectLock(input.cwd)
  const {entry, key} = findLockEntry(loaded.lock, name)
  // Fetched from its source when missing, verified either way (a tampered script is not run).
  const [pkg] = await resolvePackages({[key]: entry}, deps, {json: true})
  if (!pkg) throw internalError('EXEC_RESOLVE', `package "${key}" did not resolve`)
  const manifest = pkg.stored.manifest
  const chosen = pickScript(manifest.scripts, [name, key], script, name)
  // A script is a file of the package: "../x" or "/bin/sh" would run something it does not ship.
  if (!isSafeRelativePath(chosen.file)) {
    throw dataError('SCRIPT_PATH_UNSAFE', `script "${chosen.name}" of package "${key}" points at ${quoteUntrusted(chosen.file)}, which is not a file of the package`, [
      'the package author must name a file inside the package in "scripts" of aigogo.json',
    ], {package: key})
  }
  const scriptPath = joinInside(pkg.stored.filesDir, chosen.file)
  if (!(await access(scriptPath).then(() => true, () => false))) {
    throw dataError('SCRIPT_MISSING', `script file "${chosen.file}" (script "${chosen.name}") is not in package "${key}"`, ['the package author must fix "scripts" in aigogo.json'])
  }
  const language = manifest.language.name.toLowerCase()
  let interpreter = await interpreterFor(language, input.cwd, manifest.language.version, input.env)
  const environment = await ensureEnvironment({
    deps: manifest.dependencies?.runtime ?? [],
    dirs: input.dirs,
    integrity: entry.integrity,
    interpreter,
    language,
    name: manifest.name,
    quiet: false,
    say: input.say,
  })
  const env = {...input.env}
  if (language === 'python') {
    if (environment?.python) interpreter = environment.python
    env.PYTHONPATH = prepend(pkg.stored.filesDir, env.PYTHONPATH)
  } else {
    env.NODE_PATH = prepend(environment?.nodeModules ? `${pkg.stored.filesDir}${delimiter}${environment.nodeModules}` : pkg.stored.filesDir, env.NODE_PATH)
  }
  try {
    return await runChild(interpreter, [scriptPath, ...input.args], env)
  } catch (error) {
    throw internalError('EXEC_FAILED', `cannot start ${interpreter}: ${messageOf(error)}`, ['check that the interpreter exists and is executable'])
  }
}
