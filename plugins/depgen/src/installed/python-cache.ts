/**
 * The last listing of a Python environment, kept in AIGOGO_HOME/cache/.depgen/python/<key>.json so
 * that `scan` need not start the interpreter (which costs more than aigogo's own start: ~60 ms to
 * start, ~200 ms to read a hundred distributions' metadata) while nothing it read has changed.
 *
 * The key is what picks the interpreter and its sys.path without a file to watch: the command as
 * chosen, the file it resolves to on PATH and that file's realpath, HOME and every PYTHON*
 * variable, and the listing script itself. The entry holds every path the listing was read from
 * with its stat signature (python-listing.ts): an install, upgrade or removal (pip, uv, a copied
 * dist-info) creates or removes entries in a site directory, which changes the directory's mtime
 * and ctime. A listing is kept only when the interpreter that ran is the file the command resolves
 * to, or a pyenv shim's choice (below), and no watched entry was changed within two seconds of the
 * listing (a change in the same clock tick would leave its signature as it was). Another launcher
 * that chooses at run time is started every time. A cache that cannot be read or written only
 * costs the interpreter's run.
 *
 * pyenv's shims choose by rules we can follow (`pyenv version-name`): PYENV_VERSION, else the
 * nearest .python-version from PYENV_DIR up to the root, else $PYENV_ROOT/version. The listing
 * runs in a temporary directory (python-listing.ts), so it is given PYENV_DIR=<the package's
 * directory> unless the user set one: pyenv then picks what `python3` gives in the package. The
 * PYENV* variables are in the key and those files are watched, so a `pyenv local`, `global` or
 * `shell` is seen as a change.
 */
import {type AigogoDirs, byCodePoint, sha256Hex, writeJsonAtomic} from '@aigogo/sdk/core'
import {accessSync, constants, readFileSync, realpathSync, statSync} from 'node:fs'
import {delimiter, dirname, join, resolve} from 'node:path'

import {LISTING_SCRIPT, type ListingRun, type PythonListing} from './python-listing.js'

const FORMAT = 1

interface CacheEntry extends PythonListing {
  format: number
  key: string
  watched: Array<[string, string | null]>
}

/** The file execFile would run for a bare command name (execvp's PATH search), or the path itself. */
function resolveCommand(command: string, env: NodeJS.ProcessEnv): string | undefined {
  if (command.includes('/')) return command
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir === '' ? '.' : dir, command)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not here: the next PATH entry
    }
  }
  return undefined
}

export interface CacheSlot {
  file: string
  key: string
  /** The file the command runs and its realpath: the listing is kept only if the interpreter that ran is that realpath... */
  real: string
  /** ...or when the command is a pyenv shim, whose choice the watched files decide. */
  pyenvShim: boolean
  /** Paths the listing must watch besides the ones the interpreter reports: the interpreter, where its pyvenv.cfg may be, a shim's version files. */
  watchAlso: string[]
  /** Variables the listing runs with: PYENV_DIR for a pyenv shim. */
  runEnv: Record<string, string>
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/** The directory a pyenv shim at `real` looks for .python-version from, or undefined for any other command. */
function pyenvDir(real: string, env: NodeJS.ProcessEnv, projectDir: string): string | undefined {
  const root = env.PYENV_ROOT || (env.HOME ? join(env.HOME, '.pyenv') : undefined)
  if (!root || dirname(real) !== realpathOrSelf(join(root, 'shims'))) return undefined
  return resolve(env.PYENV_DIR || projectDir)
}

/** The files pyenv chooses the interpreter by, in its order. */
function pyenvVersionFiles(from: string, env: NodeJS.ProcessEnv): string[] {
  const root = env.PYENV_ROOT || join(env.HOME ?? '', '.pyenv')
  const files: string[] = []
  for (let dir = from; ; dir = dirname(dir)) {
    files.push(join(dir, '.python-version'))
    if (dirname(dir) === dir) break
  }
  files.push(join(root, 'version'))
  return files
}

/** Where the listing for this interpreter command, asked for the package in projectDir, is kept; undefined when the command resolves to nothing. */
export function cacheSlot(command: string, dirs: AigogoDirs, projectDir: string, env: NodeJS.ProcessEnv = process.env): CacheSlot | undefined {
  const resolved = resolveCommand(command, env)
  if (resolved === undefined) return undefined
  let real: string
  try {
    real = realpathSync(resolved)
  } catch {
    return undefined
  }
  const variables = Object.entries(env)
    .filter(([name]) => name.startsWith('PYTHON') || name.startsWith('PYENV') || name === 'HOME' || name === '__PYVENV_LAUNCHER__')
    .sort(([a], [b]) => byCodePoint(a, b))
  const pyenvFrom = pyenvDir(real, env, projectDir)
  const pyenv = pyenvFrom === undefined ? undefined : pyenvVersionFiles(pyenvFrom, env)
  // The SDK's hash: node:crypto is not worth loading for a key (scan of a kept listing loads none).
  const key = sha256Hex(JSON.stringify({command, format: FORMAT, pyenv, real, resolved, script: LISTING_SCRIPT, variables}))
  // Python looks for pyvenv.cfg beside the executable it was started as and one directory up.
  const watchAlso = [resolved, join(dirname(resolved), 'pyvenv.cfg'), join(dirname(dirname(resolved)), 'pyvenv.cfg'), ...(pyenv ?? [])]
  const runEnv: Record<string, string> = pyenvFrom === undefined ? {} : {PYENV_DIR: pyenvFrom}
  return {file: join(dirs.cache, '.depgen', 'python', `${key}.json`), key, pyenvShim: pyenv !== undefined, real, runEnv, watchAlso}
}

function signature(path: string): string | null {
  const stats = statSync(path, {bigint: true, throwIfNoEntry: false})
  return stats ? `${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}:${stats.dev}` : null
}

function isEntry(value: unknown, key: string): value is CacheEntry {
  const entry = value as CacheEntry
  return (
    typeof entry === 'object' &&
    entry !== null &&
    entry.format === FORMAT &&
    entry.key === key &&
    Array.isArray(entry.watched) &&
    entry.watched.every((w) => Array.isArray(w) && typeof w[0] === 'string' && (typeof w[1] === 'string' || w[1] === null)) &&
    typeof entry.versions === 'object' &&
    entry.versions !== null &&
    Object.values(entry.versions).every((v) => typeof v === 'string') &&
    typeof entry.providers === 'object' &&
    entry.providers !== null &&
    Object.values(entry.providers).every((names) => Array.isArray(names) && names.every((n) => typeof n === 'string'))
  )
}

/** The kept listing when every path it was read from is as it was then. */
export function readCachedListing(slot: CacheSlot): PythonListing | undefined {
  let entry: unknown
  try {
    entry = JSON.parse(readFileSync(slot.file, 'utf8'))
  } catch {
    return undefined
  }
  if (!isEntry(entry, slot.key)) return undefined
  for (const [path, recorded] of entry.watched) if (signature(path) !== recorded) return undefined
  return {providers: entry.providers, versions: entry.versions}
}

/** Keeps the listing when it can be trusted later (see the top of this file); best effort. */
export async function keepListing(slot: CacheSlot, run: ListingRun): Promise<void> {
  if (run.racy || (run.executable !== slot.real && !slot.pyenvShim)) return
  const entry: CacheEntry = {format: FORMAT, key: slot.key, providers: run.providers, versions: run.versions, watched: run.watched}
  await writeJsonAtomic(slot.file, entry).catch(() => {})
}
