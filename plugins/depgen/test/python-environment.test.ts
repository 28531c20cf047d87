/**
 * `scan` keeps the listing of a Python environment and starts the interpreter again only when
 * something the listing was read from changed (src/installed/python-cache.ts). Real venvs and
 * real dist-info directories (what pip writes); a sitecustomize.py in the venv records every start
 * of its interpreter. The venv is dated an hour back, as one made before the work starts: a
 * listing of entries changed within the last two seconds is never kept.
 */
import {execa} from 'execa'
import {chmod, lutimes, mkdir, readFile, readdir, rename, rm, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {aigogo, tempDir} from '../../../test/helpers/cli.js'

let work: {path: string; cleanup: () => Promise<void>}
let home: string
let log: string
beforeEach(async () => {
  work = await tempDir('depgen-pyenv-')
  home = join(work.path, 'home')
  log = join(work.path, 'python-starts.log')
})
afterEach(() => work.cleanup())

async function backdate(path: string): Promise<void> {
  const hourAgo = Date.now() / 1000 - 3600
  for (const entry of await readdir(path, {withFileTypes: true})) {
    if (entry.isDirectory()) await backdate(join(path, entry.name))
    else await lutimes(join(path, entry.name), hourAgo, hourAgo)
  }
  await lutimes(path, hourAgo, hourAgo)
}

/** A venv whose interpreter appends a line to $PYTHON_STARTS_LOG each time it starts. */
async function venv(path: string): Promise<string> {
  await execa('python3', ['-m', 'venv', '--without-pip', path])
  const site = (await execa(join(path, 'bin', 'python'), ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'])).stdout.trim()
  await writeFile(join(site, 'sitecustomize.py'), "import os\nif os.environ.get('PYTHON_STARTS_LOG'):\n    open(os.environ['PYTHON_STARTS_LOG'], 'a').write('start\\n')\n")
  return site
}

/** What pip leaves in site-packages for a distribution with one top-level module. */
async function install(site: string, dist: string, version: string, module: string): Promise<void> {
  const info = join(site, `${dist}-${version}.dist-info`)
  await mkdir(info, {recursive: true})
  await writeFile(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${dist}\nVersion: ${version}\n`)
  await writeFile(join(info, 'top_level.txt'), `${module}\n`)
  await writeFile(join(site, `${module}.py`), '')
}

async function pkg(name: string): Promise<string> {
  const dir = join(work.path, name)
  await mkdir(dir, {recursive: true})
  await writeFile(join(dir, 'aigogo.json'), JSON.stringify({files: {include: 'auto'}, language: {name: 'python', version: '>=3.9'}, name: 'py-env', version: '0.1.0'}))
  await writeFile(join(dir, 'app.py'), 'import fake_mod\nimport other_mod\nimport extra_mod\n')
  return dir
}

async function installed(dir: string, env: Record<string, string | undefined> = {}): Promise<Record<string, string | undefined>> {
  const result = await aigogo(['scan', '--json'], {cwd: dir, env: {PYTHON_STARTS_LOG: log, VIRTUAL_ENV: undefined, ...env}, home})
  expect(result.stderr).toBe('')
  const scan = JSON.parse(result.stdout) as {packages: Array<{package: string; installed?: string}>}
  return Object.fromEntries(scan.packages.map((p) => [p.package, p.installed]))
}

const starts = async (): Promise<number> => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).length

describe('installed Python versions between scans', () => {
  it('does not start the interpreter again for an unchanged venv, and sees a package installed, upgraded or removed after the first scan', async () => {
    const dir = await pkg('project')
    const site = await venv(join(dir, '.venv'))
    await install(site, 'fakedist', '1.4.2', 'fake_mod')
    await backdate(join(dir, '.venv'))

    expect(await installed(dir)).toEqual({'extra-mod': undefined, fakedist: '1.4.2', 'other-mod': undefined})
    expect(await starts()).toBe(1)
    expect(await installed(dir)).toEqual({'extra-mod': undefined, fakedist: '1.4.2', 'other-mod': undefined})
    expect(await starts()).toBe(1)

    await install(site, 'otherdist', '0.3.0', 'other_mod')
    expect(await installed(dir)).toEqual({'extra-mod': undefined, fakedist: '1.4.2', otherdist: '0.3.0'})
    expect(await starts()).toBe(2)

    // An upgrade as pip does it: the old dist-info goes, the new one comes.
    await rename(join(site, 'fakedist-1.4.2.dist-info'), join(site, 'fakedist-2.0.0.dist-info'))
    await writeFile(join(site, 'fakedist-2.0.0.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: fakedist\nVersion: 2.0.0\n')
    expect(await installed(dir)).toEqual({'extra-mod': undefined, fakedist: '2.0.0', otherdist: '0.3.0'})

    await rm(join(site, 'otherdist-0.3.0.dist-info'), {recursive: true})
    await rm(join(site, 'other_mod.py'))
    expect(await installed(dir)).toEqual({'extra-mod': undefined, fakedist: '2.0.0', 'other-mod': undefined})
  })

  it('keeps a listing per PYTHONPATH (the variables are part of the key)', async () => {
    const dir = await pkg('project')
    const site = await venv(join(dir, '.venv'))
    await install(site, 'fakedist', '1.4.2', 'fake_mod')
    const extra = join(work.path, 'extra')
    await install(extra, 'extradist', '5.0.0', 'extra_mod')
    await backdate(join(dir, '.venv'))
    await backdate(extra)

    const without = {'extra-mod': undefined, fakedist: '1.4.2', 'other-mod': undefined}
    const withExtra = {extradist: '5.0.0', fakedist: '1.4.2', 'other-mod': undefined}
    expect(await installed(dir)).toEqual(without)
    expect(await installed(dir, {PYTHONPATH: extra})).toEqual(withExtra)
    expect(await starts()).toBe(2)
    expect(await installed(dir)).toEqual(without)
    expect(await installed(dir, {PYTHONPATH: extra})).toEqual(withExtra)
    expect(await starts()).toBe(2)
  })

  it('keeps the listing of python3 on PATH when it is the interpreter itself, and starts any other launcher that picks one at run time every time', async () => {
    const dir = await pkg('no-venv')
    const env = join(work.path, 'env')
    const site = await venv(env)
    await install(site, 'fakedist', '1.4.2', 'fake_mod')
    const launcher = join(work.path, 'launcher')
    await mkdir(launcher)
    await writeFile(join(launcher, 'python3'), `#!/bin/sh\nexec ${JSON.stringify(join(env, 'bin', 'python'))} "$@"\n`)
    await chmod(join(launcher, 'python3'), 0o755)
    await backdate(env)
    await backdate(launcher)
    const expected = {'extra-mod': undefined, fakedist: '1.4.2', 'other-mod': undefined}

    // The venv's bin first on PATH, as `activate` does (without VIRTUAL_ENV): its python3 is the interpreter.
    const activated = `${join(env, 'bin')}:${process.env.PATH ?? ''}`
    expect(await installed(dir, {PATH: activated})).toEqual(expected)
    expect(await installed(dir, {PATH: activated})).toEqual(expected)
    expect(await starts()).toBe(1)

    const shimmed = `${launcher}:${process.env.PATH ?? ''}`
    expect(await installed(dir, {PATH: shimmed})).toEqual(expected)
    expect(await installed(dir, {PATH: shimmed})).toEqual(expected)
    expect(await starts()).toBe(3)
  })
})

describe('python3 as a pyenv shim', () => {
  /**
   * A pyenv root as pyenv lays it out, with a shim that chooses as `pyenv version-name` does:
   * PYENV_VERSION, else the nearest .python-version from where it runs, else $PYENV_ROOT/version.
   */
  async function pyenvRoot(versions: Record<string, string>): Promise<string> {
    const root = join(work.path, 'pyenv')
    await mkdir(join(root, 'shims'), {recursive: true})
    await mkdir(join(root, 'versions'))
    for (const [name, env] of Object.entries(versions)) await symlink(env, join(root, 'versions', name))
    await writeFile(join(root, 'shims', 'python3'), [
      '#!/bin/sh',
      'version="$PYENV_VERSION"',
      'dir="${PYENV_DIR:-$PWD}"',
      'while [ -z "$version" ]; do',
      '  if [ -f "$dir/.python-version" ]; then version=$(cat "$dir/.python-version"); break; fi',
      '  [ "$dir" = / ] && break',
      '  dir=$(dirname "$dir")',
      'done',
      '[ -z "$version" ] && version=$(cat "$PYENV_ROOT/version")',
      'exec "$PYENV_ROOT/versions/$version/bin/python" "$@"',
      '',
    ].join('\n'))
    await chmod(join(root, 'shims', 'python3'), 0o755)
    await writeFile(join(root, 'version'), 'a\n')
    await backdate(root)
    return root
  }

  /** Versions "a" (fakedist 1.4.2) and "b" (2.0.0), "a" the global one; the variables that put the shims first. */
  async function twoVersions(): Promise<{root: string; shims: Record<string, string>}> {
    const [a, b] = [join(work.path, 'env-a'), join(work.path, 'env-b')]
    await install(await venv(a), 'fakedist', '1.4.2', 'fake_mod')
    await install(await venv(b), 'fakedist', '2.0.0', 'fake_mod')
    await backdate(a)
    await backdate(b)
    const root = await pyenvRoot({a, b})
    return {root, shims: {PATH: `${join(root, 'shims')}:${process.env.PATH ?? ''}`, PYENV_ROOT: root}}
  }

  it('keeps the listing of the version the shim chooses, per PYENV_VERSION, and sees `pyenv global` change it', async () => {
    const dir = await pkg('no-venv')
    const {root, shims} = await twoVersions()
    const fromA = {'extra-mod': undefined, fakedist: '1.4.2', 'other-mod': undefined}
    const fromB = {'extra-mod': undefined, fakedist: '2.0.0', 'other-mod': undefined}

    expect(await installed(dir, shims)).toEqual(fromA)
    expect(await installed(dir, shims)).toEqual(fromA)
    expect(await starts()).toBe(1)
    // `pyenv shell b`: another key, kept as well.
    expect(await installed(dir, {...shims, PYENV_VERSION: 'b'})).toEqual(fromB)
    expect(await installed(dir, {...shims, PYENV_VERSION: 'b'})).toEqual(fromB)
    expect(await starts()).toBe(2)
    expect(await installed(dir, shims)).toEqual(fromA)
    expect(await starts()).toBe(2)
    // `pyenv global b` rewrites $PYENV_ROOT/version: the kept listing of a no longer holds.
    await writeFile(join(root, 'version'), 'b\n')
    expect(await installed(dir, shims)).toEqual(fromB)
    expect(await starts()).toBe(3)
  })

  it("follows the package's .python-version (`pyenv local`), as python3 run in the package would", async () => {
    const dir = await pkg('pinned')
    const other = await pkg('unpinned')
    const {shims} = await twoVersions()
    await writeFile(join(dir, '.python-version'), 'b\n')
    await backdate(dir)

    expect((await installed(dir, shims)).fakedist).toBe('2.0.0')
    expect((await installed(other, shims)).fakedist).toBe('1.4.2')
    expect(await installed(dir, shims)).toMatchObject({fakedist: '2.0.0'})
    expect(await starts()).toBe(2)
  })
})
