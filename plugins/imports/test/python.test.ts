import {execa} from 'execa'
import {access, mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {aigogo, cleanEnv, jsonError} from '../../../test/helpers/cli.js'
import {buildPackage, ok, useWorkAndHome} from './helpers/packages.js'

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false)

describe('Python imports', () => {
  const ws = useWorkAndHome('file')

  beforeAll(async () => {
    await buildPackage(ws.home, join(ws.work, 'single'), {files: {'string_helpers.py': 'def titlecase(text):\n    return text.title()\n'}, name: 'string-utils'})
    await buildPackage(ws.home, join(ws.work, 'multi'), {
      files: {'a.py': 'def from_a():\n    return "a"\n', 'b.py': 'def from_b():\n    return "b"\n', 'sub/mod.py': 'VALUE = 42\n'},
      name: 'multi-pkg',
    })
  })

  async function project(name: string): Promise<string> {
    const dir = join(ws.work, name)
    await mkdir(dir)
    ok(await aigogo(['add', 'string-utils:1.0.0'], {cwd: dir, home: ws.home}))
    ok(await aigogo(['add', 'multi-pkg:1.0.0'], {cwd: dir, home: ws.home}))
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
    const venv = join(ws.work, 'venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    const result = ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: venv}, home: ws.home}))
    const installed = JSON.parse(result.stdout) as {python: {pth: string; reason: string}}
    expect(installed.python.reason).toBe('VIRTUAL_ENV')
    expect(installed.python.pth.startsWith(join(venv, 'lib'))).toBe(true)
    expect((await readFile(installed.python.pth, 'utf8')).trim()).toBe(join(dir, '.aigogo', 'imports'))
    // From elsewhere, with no PYTHONPATH: the .pth alone makes it importable.
    const run = await execa(join(venv, 'bin', 'python'), ['-c', script], {cwd: ws.work, env: cleanEnv({PYTHONPATH: undefined}), extendEnv: false})
    expect(run.stdout).toBe('Hello World a b 42 a')

    ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))
    expect(await exists(installed.python.pth)).toBe(false)
    expect(await exists(join(dir, '.aigogo'))).toBe(false)
  })

  it('finds a .venv in the project without VIRTUAL_ENV', async () => {
    const dir = await project('dot-venv-project')
    await execa('python3', ['-m', 'venv', '--without-pip', join(dir, '.venv')])
    const installed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home: ws.home})).stdout) as {python: {pth: string; reason: string}}
    expect(installed.python.reason).toBe('.venv')
    const run = await execa(join(dir, '.venv', 'bin', 'python'), ['-c', script], {cwd: ws.work})
    expect(run.stdout).toBe('Hello World a b 42 a')
    ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))
  })

  it('installs again into a .venv created after an install without one, instead of saying "Up to date"', async () => {
    const dir = await project('venv-later-project')
    // "python3 on PATH" is a venv outside the project here, so no system directory is written.
    const base = join(ws.work, 'base-python')
    await execa('python3', ['-m', 'venv', '--without-pip', base])
    const env = {PATH: `${join(base, 'bin')}:${process.env.PATH ?? ''}`, VIRTUAL_ENV: undefined}
    const first = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env, home: ws.home})).stdout) as {python: {pth: string; reason: string}}
    expect(first.python.reason).toBe('PATH')
    expect(first.python.pth.startsWith(base)).toBe(true)
    await execa('python3', ['-m', 'venv', '--without-pip', join(dir, '.venv')])
    const second = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env, home: ws.home})).stdout) as {upToDate: boolean; python: {pth: string; reason: string}}
    expect(second.upToDate).toBe(false)
    expect(second.python.reason).toBe('.venv')
    const run = await execa(join(dir, '.venv', 'bin', 'python'), ['-c', script], {cwd: ws.work, env: cleanEnv({PYTHONPATH: undefined}), extendEnv: false})
    expect(run.stdout).toBe('Hello World a b 42 a')
    // The .pth of the environment no longer chosen is gone; the next install is a no-op again.
    expect(await exists(first.python.pth)).toBe(false)
    expect((JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env, home: ws.home})).stdout) as {upToDate: boolean}).upToDate).toBe(true)
    ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))
  })

  it('imports a name from helpers.py when api_client.py needs a missing dependency, and says why api_client\'s names fail', async () => {
    await buildPackage(ws.home, join(ws.work, 'broken-src'), {
      files: {'api_client.py': 'import aigogo_test_missing_dependency\n\ndef call_api():\n    return 1\n', 'helpers.py': 'def helper():\n    return "helped"\n'},
      name: 'half-broken',
    })
    const dir = join(ws.work, 'half-broken-project')
    await mkdir(dir)
    ok(await aigogo(['add', 'half-broken:1.0.0'], {cwd: dir, home: ws.home}))
    const venv = join(ws.work, 'half-broken-venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    ok(await aigogo(['install'], {cwd: dir, env: {VIRTUAL_ENV: venv}, home: ws.home}))
    const python = (code: string) => execa(join(venv, 'bin', 'python'), ['-c', code], {cwd: ws.work, env: cleanEnv({PYTHONPATH: undefined}), extendEnv: false, reject: false})
    const good = await python('from aigogo.half_broken import helper; print(helper())')
    expect([good.exitCode, good.stdout]).toEqual([0, 'helped'])
    const broken = await python('from aigogo.half_broken import call_api')
    expect(broken.exitCode).toBe(1)
    expect(broken.stderr).toContain("ImportError: cannot import name 'call_api' from 'aigogo.half_broken'")
    expect(broken.stderr).toContain("aigogo.half_broken.api_client failed to import (ModuleNotFoundError: No module named 'aigogo_test_missing_dependency')")
    ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))
  })

  it('refuses to put a .pth into Debian\'s externally managed /usr/bin/python3 without a venv, like pip; --break-system-packages overrides', async () => {
    // The machine's /usr/bin/python3 is Debian's, marked by PEP 668.
    const marker = (await execa('/usr/bin/python3', ['-c', "import os, sysconfig; print(os.path.join(sysconfig.get_path('stdlib'), 'EXTERNALLY-MANAGED'))"])).stdout
    expect(await exists(marker)).toBe(true)
    const site = (await execa('/usr/bin/python3', ['-c', "import sysconfig; print(sysconfig.get_path('purelib'))"])).stdout
    const listing = async (): Promise<string[]> => (await readdir(site).catch(() => [] as string[])).sort()
    const before = await listing()
    const dir = await project('managed-project')
    const env = {PATH: `/usr/bin:${process.env.PATH ?? ''}`, VIRTUAL_ENV: undefined}
    try {
      for (const args of [['install', '--json'], ['install', '--python', '/usr/bin/python3', '--json']]) {
        const refused = await aigogo(args, {cwd: dir, env, home: ws.home})
        expect([refused.exitCode, jsonError(refused).code]).toEqual([2, 'EXTERNALLY_MANAGED'])
        expect(jsonError(refused).hints.join('\n')).toContain('python3 -m venv .venv')
        expect(await listing()).toEqual(before)
        expect(await exists(join(dir, '.aigogo'))).toBe(false)
      }
      const text = await aigogo(['install'], {cwd: dir, env, home: ws.home})
      expect(text.stderr).toContain('--break-system-packages')
      const forced = JSON.parse(ok(await aigogo(['install', '--break-system-packages', '--json'], {cwd: dir, env, home: ws.home})).stdout) as {python: {pth: string}}
      expect(forced.python.pth.startsWith(site)).toBe(true)
    } finally {
      // Whatever happened above, no .pth of this test stays in the system directory.
      await aigogo(['uninstall'], {cwd: dir, home: ws.home})
    }
    expect(await listing()).toEqual(before)
  })

  it('keeps the bytecode Python writes for a subpackage in the project, never in the store', async () => {
    const dir = await project('bytecode-project')
    const venv = join(ws.work, 'bytecode-venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    ok(await aigogo(['install'], {cwd: dir, env: {VIRTUAL_ENV: venv}, home: ws.home}))
    // Bytecode on, as by default (this environment may turn it off); importing sub.mod writes
    // sub/__pycache__/ beside it: through a directory link that was the store (root ignores 0555).
    const run = await execa(join(venv, 'bin', 'python'), ['-c', script], {cwd: ws.work, env: cleanEnv({PYTHONDONTWRITEBYTECODE: undefined, PYTHONPATH: undefined}), extendEnv: false})
    expect(run.stdout).toBe('Hello World a b 42 a')
    expect(await exists(join(dir, '.aigogo', 'imports', 'aigogo', 'multi_pkg', 'sub', '__pycache__'))).toBe(true)
    const inStore = await execa('find', [join(ws.home, 'store'), '-name', '__pycache__'])
    expect(inStore.stdout).toBe('')
    // So the store is as it was: the next install has nothing to do, and restores nothing.
    const again = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: venv}, home: ws.home})).stdout) as {upToDate: boolean}
    expect(again.upToDate).toBe(true)
    ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))
  })

  it('puts the .pth where --python <venv>/bin/python would, found from pyvenv.cfg without starting it', async () => {
    const dir = await project('explicit-venv-project')
    const venv = join(ws.work, 'explicit-venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    const python = join(venv, 'bin', 'python')
    const installed = JSON.parse(ok(await aigogo(['install', '--python', python, '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home: ws.home})).stdout) as {python: {pth: string; reason: string}}
    expect(installed.python.reason).toBe('--python')
    const purelib = (await execa(python, ['-c', "import sysconfig; print(sysconfig.get_path('purelib'))"])).stdout.trim()
    expect(dirname(installed.python.pth)).toBe(purelib)
    expect((await execa(python, ['-c', script], {cwd: ws.work})).stdout).toBe('Hello World a b 42 a')
    ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))

    // An interpreter that cannot run at all: its virtualenv's layout is all install needs.
    const fake = join(ws.work, 'fake-venv')
    await mkdir(join(fake, 'bin'), {recursive: true})
    await mkdir(join(fake, 'lib', 'python3.99', 'site-packages'), {recursive: true})
    await writeFile(join(fake, 'pyvenv.cfg'), 'home = /nowhere\n')
    await writeFile(join(fake, 'bin', 'python'), `#!/bin/sh\ntouch ${join(fake, 'started')}\nexit 1\n`, {mode: 0o755})
    const again = JSON.parse(ok(await aigogo(['install', '--python', join(fake, 'bin', 'python'), '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home: ws.home})).stdout) as {python: {pth: string}}
    expect(dirname(again.python.pth)).toBe(join(fake, 'lib', 'python3.99', 'site-packages'))
    expect(await exists(join(fake, 'started'))).toBe(false)
    ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))
  })

  it('makes packages importable by the system python3 and removes its .pth on uninstall', async () => {
    const dir = await project('system-project')
    const installed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: dir, env: {VIRTUAL_ENV: undefined}, home: ws.home})).stdout) as {python: {pth: string; reason: string}}
    try {
      expect(installed.python.reason).toBe('PATH')
      const run = await execa('python3', ['-c', script], {cwd: ws.work, env: cleanEnv({PYTHONPATH: undefined, VIRTUAL_ENV: undefined}), extendEnv: false})
      expect(run.stdout).toBe('Hello World a b 42 a')
    } finally {
      ok(await aigogo(['uninstall'], {cwd: dir, home: ws.home}))
    }
    expect(await exists(installed.python.pth)).toBe(false)
  })
})
