import {execa} from 'execa'
import {access, mkdir, readFile, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, cleanEnv, tempDir} from '../../../test/helpers/cli.js'
import {buildPackage, ok} from './helpers/packages.js'

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false)

describe('Python imports', () => {
  let work: string
  let home: string
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const t = await tempDir()
    ;({cleanup, path: work} = t)
    home = join(work, 'home')
    await buildPackage(home, join(work, 'single'), {files: {'string_helpers.py': 'def titlecase(text):\n    return text.title()\n'}, name: 'string-utils'})
    await buildPackage(home, join(work, 'multi'), {
      files: {'a.py': 'def from_a():\n    return "a"\n', 'b.py': 'def from_b():\n    return "b"\n', 'sub/mod.py': 'VALUE = 42\n'},
      name: 'multi-pkg',
    })
  })
  afterAll(() => cleanup())

  async function project(name: string): Promise<string> {
    const dir = join(work, name)
    await mkdir(dir)
    ok(await aigogo(['add', 'string-utils:1.0.0'], {cwd: dir, home}))
    ok(await aigogo(['add', 'multi-pkg:1.0.0'], {cwd: dir, home}))
    return dir
  }

  const script = [
    'from aigogo.string_utils import titlecase',
    'from aigogo.multi_pkg import from_a, from_b',
    'from aigogo.multi_pkg.sub.mod import VALUE',
    'import aigogo.multi_pkg.a as a',
    "print(titlecase('hello world'), from_a(), from_b(), VALUE, a.from_a())",
  ].join('\n')

  it('makes single-file and multi-file packages importable in a virtualenv through its site-packages', async () => {
    const dir = await project('venv-project')
    const venv = join(work, 'venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    const result = ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: venv}, home}))
    const installed = JSON.parse(result.stdout) as {python: {pth: string; reason: string}}
    expect(installed.python.reason).toBe('VIRTUAL_ENV')
    expect(installed.python.pth.startsWith(join(venv, 'lib'))).toBe(true)
    expect((await readFile(installed.python.pth, 'utf8')).trim()).toBe(join(dir, '.aigogo', 'imports'))
    // From elsewhere, with no PYTHONPATH: the .pth alone makes it importable.
    const run = await execa(join(venv, 'bin', 'python'), ['-c', script], {cwd: work, env: cleanEnv({PYTHONPATH: undefined}), extendEnv: false})
    expect(run.stdout).toBe('Hello World a b 42 a')

    ok(await aigogo(['uninstall'], {cwd: dir, home}))
    expect(await exists(installed.python.pth)).toBe(false)
    expect(await exists(join(dir, '.aigogo'))).toBe(false)
  })

  it('finds a .venv in the project without VIRTUAL_ENV', async () => {
    const dir = await project('dot-venv-project')
    await execa('python3', ['-m', 'venv', '--without-pip', join(dir, '.venv')])
    const installed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home})).stdout) as {python: {pth: string; reason: string}}
    expect(installed.python.reason).toBe('.venv')
    const run = await execa(join(dir, '.venv', 'bin', 'python'), ['-c', script], {cwd: work})
    expect(run.stdout).toBe('Hello World a b 42 a')
    ok(await aigogo(['uninstall'], {cwd: dir, home}))
  })

  it('keeps the bytecode Python writes for a subpackage in the project, never in the store', async () => {
    const dir = await project('bytecode-project')
    const venv = join(work, 'bytecode-venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    ok(await aigogo(['install'], {cwd: dir, env: {VIRTUAL_ENV: venv}, home}))
    // Bytecode on, as by default (this environment may turn it off); importing sub.mod writes
    // sub/__pycache__/ beside it: through a directory link that was the store (root ignores 0555).
    const run = await execa(join(venv, 'bin', 'python'), ['-c', script], {cwd: work, env: cleanEnv({PYTHONDONTWRITEBYTECODE: undefined, PYTHONPATH: undefined}), extendEnv: false})
    expect(run.stdout).toBe('Hello World a b 42 a')
    expect(await exists(join(dir, '.aigogo', 'imports', 'aigogo', 'multi_pkg', 'sub', '__pycache__'))).toBe(true)
    const inStore = await execa('find', [join(home, 'store'), '-name', '__pycache__'])
    expect(inStore.stdout).toBe('')
    // So the store is as it was: the next install has nothing to do, and restores nothing.
    const again = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: venv}, home})).stdout) as {upToDate: boolean}
    expect(again.upToDate).toBe(true)
    ok(await aigogo(['uninstall'], {cwd: dir, home}))
  })

  it('puts the .pth where --python <venv>/bin/python would, found from pyvenv.cfg without starting it', async () => {
    const dir = await project('explicit-venv-project')
    const venv = join(work, 'explicit-venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    const python = join(venv, 'bin', 'python')
    const installed = JSON.parse(ok(await aigogo(['install', '--python', python, '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home})).stdout) as {python: {pth: string; reason: string}}
    expect(installed.python.reason).toBe('--python')
    const purelib = (await execa(python, ['-c', "import sysconfig; print(sysconfig.get_path('purelib'))"])).stdout.trim()
    expect(dirname(installed.python.pth)).toBe(purelib)
    expect((await execa(python, ['-c', script], {cwd: work})).stdout).toBe('Hello World a b 42 a')
    ok(await aigogo(['uninstall'], {cwd: dir, home}))

    // An interpreter that cannot run at all: its virtualenv's layout is all install needs.
    const fake = join(work, 'fake-venv')
    await mkdir(join(fake, 'bin'), {recursive: true})
    await mkdir(join(fake, 'lib', 'python3.99', 'site-packages'), {recursive: true})
    await writeFile(join(fake, 'pyvenv.cfg'), 'home = /nowhere\n')
    await writeFile(join(fake, 'bin', 'python'), `#!/bin/sh\ntouch ${join(fake, 'started')}\nexit 1\n`, {mode: 0o755})
    const again = JSON.parse(ok(await aigogo(['install', '--python', join(fake, 'bin', 'python'), '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home})).stdout) as {python: {pth: string}}
    expect(dirname(again.python.pth)).toBe(join(fake, 'lib', 'python3.99', 'site-packages'))
    expect(await exists(join(fake, 'started'))).toBe(false)
    ok(await aigogo(['uninstall'], {cwd: dir, home}))
  })

  it('makes packages importable by the system python3 and removes its .pth on uninstall', async () => {
    const dir = await project('system-project')
    const installed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home})).stdout) as {python: {pth: string; reason: string}}
    try {
      expect(installed.python.reason).toBe('PATH')
      const run = await execa('python3', ['-c', script], {cwd: work, env: cleanEnv({PYTHONPATH: undefined, VIRTUAL_ENV: undefined}), extendEnv: false})
      expect(run.stdout).toBe('Hello World a b 42 a')
    } finally {
      ok(await aigogo(['uninstall'], {cwd: dir, home}))
    }
    expect(await exists(installed.python.pth)).toBe(false)
  })
})
