import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {aigogo} from '../../../test/helpers/cli.js'
import {buildPackage, ok, useWorkAndHome} from './helpers/packages.js'

describe('aigogo exec', () => {
  const ws = useWorkAndHome('file')
  let project: string

  beforeAll(async () => {
    await buildPackage(ws.home, join(ws.work, 'agent'), {
      files: {
        'report.py': 'print("report")\n',
        'run.py': 'import sys\nfrom helper import greet\nprint(greet(), "args:", " ".join(sys.argv[1:]), "stdin:", sys.stdin.read().strip())\nsys.exit(int(sys.argv[1]) if sys.argv[1:] and sys.argv[1].isdigit() else 0)\n',
        'helper.py': 'def greet():\n    return "hello from exec"\n',
      },
      name: 'exec-agent',
      scripts: {'exec-agent': 'run.py', report: 'report.py'},
    })
    // A Node dependency given as a local path installs with npm and no network.
    const dep = join(ws.work, 'leftpad')
    await mkdir(dep)
    await writeFile(join(dep, 'package.json'), '{"name": "leftpad-local", "version": "1.0.0", "main": "index.js"}\n')
    await writeFile(join(dep, 'index.js'), "module.exports = (s, n) => s.padStart(n, '.')\n")
    await buildPackage(ws.home, join(ws.work, 'js-agent'), {
      files: {'main.js': "console.log(require('leftpad-local')(process.argv[2], 5))\n"},
      language: 'javascript',
      name: 'js-agent',
      runtime: [{package: 'leftpad-local', version: `file:${dep}`}],
      scripts: {main: 'main.js'},
    })
    await buildPackage(ws.home, join(ws.work, 'needs-pypi'), {files: {'x.py': 'import requests\n'}, name: 'needs-pypi', runtime: [{package: 'requests-not-here-xyz', version: '>=1.0'}], scripts: {x: 'x.py'}})
    await buildPackage(ws.home, join(ws.work, 'no-scripts'), {files: {'y.py': ''}, name: 'no-scripts'})
    project = join(ws.work, 'project')
    await mkdir(project)
    for (const ref of ['exec-agent:1.0.0', 'js-agent:1.0.0', 'needs-pypi:1.0.0', 'no-scripts:1.0.0']) ok(await aigogo(['add', ref], {cwd: project, home: ws.home}))
  })

  it('runs the script named like the package with arguments and stdin passed through, found via the normalized key', async () => {
    const result = await aigogo(['exec', 'exec-agent', '--x', '-y', 'z'], {cwd: project, home: ws.home, input: 'piped'})
    expect(result.stdout.trim()).toBe('hello from exec args: --x -y z stdin: piped')
    expect(result.exitCode).toBe(0)
  })

  it('passes --help and -h after the package name to the script; exec --help alone is aigogo\'s help', async () => {
    for (const [args, expected] of [
      [['--help'], '--help'],
      [['-h', 'x'], '-h x'],
      [['--', '--help'], '--help'],
      [['--', '--', '--help'], '-- --help'],
      [['a', '--help'], 'a --help'],
    ] as const) {
      const result = await aigogo(['exec', 'exec-agent', ...args], {cwd: project, home: ws.home, input: ''})
      expect([result.exitCode, result.stdout.trim()]).toEqual([0, `hello from exec args: ${expected} stdin:`])
    }
    const own = await aigogo(['exec', '--help'], {cwd: project, home: ws.home})
    expect(own.exitCode).toBe(0)
    expect(own.stdout).toContain('exec <package>[:<script>] [args...]')
    expect(own.stdout).toContain('$ aigogo exec my-agent --help')
  })

  it("passes the script's exit code through", async () => {
    const result = await aigogo(['exec', 'exec-agent', '7'], {cwd: project, home: ws.home, input: ''})
    expect(result.exitCode).toBe(7)
  })

  it('reaches a second script with <package>:<script>', async () => {
    expect(ok(await aigogo(['exec', 'exec-agent:report'], {cwd: project, home: ws.home})).stdout.trim()).toBe('report')
  })

  it('installs Node runtime dependencies once into a per-package environment', async () => {
    expect(ok(await aigogo(['exec', 'js-agent', 'ab'], {cwd: project, home: ws.home})).stdout.trim()).toBe('...ab')
    expect(ok(await aigogo(['exec', 'js-agent', 'abc'], {cwd: project, home: ws.home})).stdout.trim()).toBe('..abc')
  })

  it('shows exec environments in clean, removes them with clean --envs, and uninstall removes the project\'s', async () => {
    const envsUsage = async (): Promise<{items: number; bytes: number}> => {
      const usage = JSON.parse(ok(await aigogo(['clean', '--json'], {home: ws.home})).stdout) as {usage: Array<{area: string; items: number; bytes: number}>}
      return usage.usage.find((u) => u.area === 'envs') ?? {bytes: -1, items: -1}
    }
    ok(await aigogo(['exec', 'js-agent', 'x'], {cwd: project, home: ws.home}))
    const shown = await envsUsage()
    expect(shown.items).toBe(1)
    expect(shown.bytes).toBeGreaterThan(0)
    expect(ok(await aigogo(['clean'], {home: ws.home})).stdout).toMatch(/Exec environments:\s+\S+ \S+\s+\(1 items\)\s+aigogo clean --envs/)
    // uninstall removes the environments of this project's packages.
    const uninstalled = JSON.parse(ok(await aigogo(['uninstall', '--json'], {cwd: project, home: ws.home})).stdout) as {envs: string[]}
    expect(uninstalled.envs).toHaveLength(1)
    expect((await envsUsage()).items).toBe(0)
    // exec builds it again; clean --envs removes every environment.
    expect(ok(await aigogo(['exec', 'js-agent', 'ab'], {cwd: project, home: ws.home})).stdout.trim()).toBe('...ab')
    expect(ok(await aigogo(['clean', '--envs'], {home: ws.home})).stdout).toMatch(/^Removed exec environments: .+ \(1 items\)$/)
    expect(await envsUsage()).toEqual({area: 'envs', bytes: 0, items: 0, path: join(ws.home, 'envs')})
  })

  it('fails with EXEC_DEPS_FAILED when pip cannot install the dependencies', async () => {
    const result = await aigogo(['exec', 'needs-pypi'], {cwd: project, env: {PIP_INDEX_URL: 'http://127.0.0.1:9/simple', PIP_RETRIES: '0', PIP_TIMEOUT: '1'}, home: ws.home})
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('EXEC_DEPS_FAILED')
  })

  it('refuses a package without scripts and a package not in the lock', async () => {
    const noScripts = await aigogo(['exec', 'no-scripts'], {cwd: project, home: ws.home})
    expect(noScripts.exitCode).toBe(2)
    expect(noScripts.stderr).toContain('NO_SCRIPTS')
    const missing = await aigogo(['exec', 'nope'], {cwd: project, home: ws.home})
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toContain('PACKAGE_NOT_IN_LOCK')
  })
})
