import {execa} from 'execa'
import {chmod, mkdir, readFile, stat} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {BIN, REPO_ROOT, aigogo, cleanEnv, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {aigogoOnTerminal} from '../../../test/helpers/terminal.js'
import {writeFiles} from './fixtures.js'

let dir: {path: string; cleanup: () => Promise<void>}
let home: {path: string; cleanup: () => Promise<void>}
let root: string
beforeEach(async () => {
  dir = await tempDir()
  home = await tempDir('aigogo-home-')
  root = join(dir.path, 'My_Project')
  await mkdir(root)
})
afterEach(async () => {
  await dir.cleanup()
  await home.cleanup()
})

const run = (args: string[], cwd = root) => aigogo(args, {cwd, home: home.path})

async function asNobody(args: string[]): Promise<{exitCode: number; stderr: string}> {
  await execa('chown', ['-R', '65534:65534', home.path])
  // The checkout may sit under a private directory (mktemp -d is 0700): let the user traverse
  // the ancestors of the repository for the duration of the run.
  const opened: Array<[string, number]> = []
  for (let dir = REPO_ROOT; dir !== dirname(dir); dir = dirname(dir)) {
    const {mode} = await stat(dir)
    if ((mode & 0o001) === 0) {
      opened.push([dir, mode & 0o7777])
      await chmod(dir, (mode & 0o7777) | 0o001)
    }
  }
  try {
    const result = await execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], {
      cwd: home.path,
      env: cleanEnv({AIGOGO_HOME: home.path}),
      extendEnv: false,
      reject: false,
    })
    return {exitCode: result.exitCode ?? -1, stderr: String(result.stderr)}
  } finally {
    for (const [dir, mode] of opened) await chmod(dir, mode)
  }
}
const manifest = async () => JSON.parse(await readFile(join(root, 'aigogo.json'), 'utf8'))

describe('author commands', () => {
  it('init derives the name from the directory and refuses to overwrite without --force', async () => {
    expect((await run(['init'])).exitCode).toBe(0)
    expect(await manifest()).toMatchObject({files: {include: []}, language: {name: 'python'}, name: 'my-project', version: '0.1.0'})
    const again = await run(['init', '--json'])
    expect(again.exitCode).toBe(2)
    expect(jsonError(again).code).toBe('MANIFEST_EXISTS')
    expect((await run(['init', '--force', '--name', 'other', '--language', 'javascript', '--description', 'd'])).exitCode).toBe(0)
    expect(await manifest()).toMatchObject({description: 'd', language: {name: 'javascript', version: '>=18'}, name: 'other'})
  })

  it('init refuses an unsupported language and an invalid name, writing nothing', async () => {
    expect(jsonError(await run(['init', '--language', 'cobol', '--json'])).code).toBe('LANGUAGE_UNSUPPORTED')
    expect(jsonError(await run(['init', '--name', 'Bad Name', '--json'])).code).toBe('NAME_INVALID')
    await expect(readFile(join(root, 'aigogo.json'))).rejects.toMatchObject({code: 'ENOENT'})
  })

  it('add dep --from-pyproject takes the Python requirement from the file and lists git and path sources as skipped', async () => {
    await run(['init', '--name', 'p'])
    await writeFiles(root, {'pyproject.toml': [
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'httpx = "^0.27.0"',
      'mylib = {git = "https://example.org/mylib.git"}',
      'local = {path = "../local"}',
      '',
    ].join('\n')})
    const result = await run(['add', 'dep', '--from-pyproject', '--json'])
    expect(result.exitCode).toBe(0)
    const out = JSON.parse(result.stdout) as {skipped: {package: string; reason: string}[]; languageVersion: {version: string; previous: string}}
    expect(out.skipped.map((s) => s.package)).toEqual(['mylib', 'local'])
    expect(out.skipped[0]!.reason).toContain('git')
    expect(out.languageVersion).toEqual({previous: '>=3.8,<4.0', version: '>=3.10,<4'})
    expect((await manifest()).language.version).toBe('>=3.10,<4')
    const text = await run(['add', 'dep', '--from-pyproject'])
    expect(text.stderr).toContain('skipping mylib: git dependency')
    expect(text.stderr).toContain('skipping httpx: already declared')
    // PEP 621's requires-python, imported as written.
    await writeFiles(root, {'pyproject.toml': '[project]\nname = "p"\nrequires-python = ">=3.11"\ndependencies = ["rich>=13"]\n'})
    expect((await run(['add', 'dev', '--from-pyproject'])).exitCode).toBe(0)
    expect((await manifest()).language.version).toBe('>=3.11')
  })

  it('add file stores paths relative to aigogo.json from a subdirectory, and globs with **', async () => {
    await run(['init', '--name', 'p'])
    await writeFiles(root, {'src/a.py': '', 'src/deep/b.py': '', 'top.py': ''})
    const result = await run(['add', 'file', 'a.py', '**/*.py', '../top.py'], join(root, 'src'))
    expect(result.exitCode).toBe(0)
    expect((await manifest()).files.include).toEqual(['src/a.py', 'src/**/*.py', 'top.py'])
    const built = JSON.parse((await run(['build', '--no-validate', '--json'])).stdout)
    expect(built.files).toEqual(['aigogo.json', 'src/a.py', 'src/deep/b.py', 'top.py'])
  })

  it('add file refuses missing files and globs that match nothing, saving nothing', async () => {
    await run(['init', '--name', 'p'])
    await writeFiles(root, {'a.py': ''})
    const missing = await run(['add', 'file', 'a.py', 'nope.py', '--json'])
    expect(missing.exitCode).toBe(2)
    expect(jsonError(missing).code).toBe('FILE_NOT_FOUND')
    const glob = await run(['add', 'file', 'src/**/*.rs', '--json'])
    expect(jsonError(glob).code).toBe('GLOB_NO_MATCH')
    expect((await manifest()).files.include).toEqual([])
  })

  it('add file skips ignored files unless --force', async () => {
    await run(['init', '--name', 'p'])
    await writeFiles(root, {'.aigogoignore': 'secret.py\n', 'secret.py': ''})
    const skipped = await run(['add', 'file', 'secret.py'])
    expect(skipped.exitCode).toBe(0)
    expect(skipped.stderr).toContain('.aigogoignore:1: secret.py')
    expect((await manifest()).files.include).toEqual([])
    expect((await run(['add', 'file', '--force', 'secret.py'])).exitCode).toBe(0)
    expect((await manifest()).files.include).toEqual(['secret.py'])
    expect((await run(['rm', 'file', 'secret.py'])).exitCode).toBe(0)
    expect((await manifest()).files.include).toEqual([])
  })

  it('add dep / add dev / rm dep / rm dev edit the dependency lists', async () => {
    await run(['init', '--name', 'p'])
    expect((await run(['add', 'dep', 'requests', '>=2.31.0'])).exitCode).toBe(0)
    expect((await run(['add', 'dev', 'pytest', '>=7.0.0'])).exitCode).toBe(0)
    expect(jsonError(await run(['add', 'dep', 'requests', '>=1', '--json'])).code).toBe('DEPENDENCY_EXISTS')
    expect((await manifest()).dependencies).toEqual({dev: [{package: 'pytest', version: '>=7.0.0'}], runtime: [{package: 'requests', version: '>=2.31.0'}]})
    expect((await run(['rm', 'dep', 'requests'])).exitCode).toBe(0)
    expect(jsonError(await run(['rm', 'dev', 'nope', '--json'])).code).toBe('DEPENDENCY_NOT_FOUND')
    expect((await run(['rm', 'dev', 'pytest'])).exitCode).toBe(0)
    expect((await manifest()).dependencies).toBeUndefined()
  })
})

describe('cache commands', () => {
  it('list, remove, remove-all and clean manage builds and the store', async () => {
    await run(['init', '--name', 'p'])
    await writeFiles(root, {'a.py': 'x = 1\n'})
    await run(['add', 'file', 'a.py'])
    await run(['build', 'p:1.0.0', '--no-validate'])
    await run(['build', 'p:2.0.0', '--no-validate'])
    expect(JSON.parse((await run(['list', '--json'])).stdout).builds.map((b: {ref: string}) => b.ref)).toEqual(['p:1.0.0', 'p:2.0.0'])
    expect((await run(['remove', 'p:1.0.0'])).exitCode).toBe(0)
    expect(jsonError(await run(['remove', 'p:1.0.0', '--json'])).code).toBe('BUILD_NOT_FOUND')
    // On a terminal it asks; "no" keeps the builds.
    const cancelled = await aigogoOnTerminal(['remove-all'], {cwd: root, home: home.path, input: 'no\n'})
    expect(cancelled.output).toContain('This removes 1 cached package')
    expect(cancelled.output).toContain('Remove them all? [y/N]')
    expect(cancelled.output).toContain('cancelled')
    expect((await run(['list'])).stdout).toContain('p:2.0.0')
    // Off a terminal a piped answer is no answer: --yes is required, and --json prints only the error.
    for (const args of [['remove-all'], ['remove-all', '--json']]) {
      const refused = await aigogo(args, {cwd: root, home: home.path, input: 'yes\n'})
      expect(refused.exitCode).toBe(2)
      expect(refused.stderr).toContain('CONFIRMATION_REQUIRED')
      expect(refused.stderr).not.toContain('Remove them all?')
      expect(refused.stdout).toBe('')
    }
    expect(jsonError(await aigogo(['remove-all', '--json'], {cwd: root, home: home.path})).code).toBe('CONFIRMATION_REQUIRED')
    expect((await run(['list'])).stdout).toContain('p:2.0.0')
    expect((await run(['remove-all', '--yes'])).stdout).toContain('Removed 1')
    expect((await run(['list'])).stdout).toContain('No local builds')
    // --force, the older name of --yes, still works.
    await run(['build', 'p:3.0.0', '--no-validate'])
    expect((await run(['remove-all', '--force'])).stdout).toContain('Removed 1')
  })

  it('clean shows usage and removes a read-only store as a non-root user', async () => {
    await run(['init', '--name', 'p'])
    await writeFiles(root, {'a.py': 'x = 1\n'})
    await run(['add', 'file', 'a.py'])
    await run(['build', 'p:1.0.0', '--no-validate'])
    const source = (await import('../dist/capabilities/package-source.js')).default
    process.env.AIGOGO_HOME = home.path
    await source.fetch('p:1.0.0')
    delete process.env.AIGOGO_HOME
    const usage = JSON.parse((await run(['clean', '--json'])).stdout)
    expect(usage.usage.map((u: {area: string; items: number}) => [u.area, u.items])).toEqual([['envs', 0], ['cache', 1], ['store', 1], ['leftovers', 0]])
    expect((await run(['clean'])).stdout).toContain('aigogo disk usage')
    // As root nothing is ever read-only: run the removal as an ordinary user then.
    const cleaned = process.getuid?.() === 0 ? await asNobody(['clean', '--all']) : await run(['clean', '--all'])
    expect(cleaned.stderr).toBe('')
    expect(cleaned.exitCode).toBe(0)
    const after = JSON.parse((await run(['clean', '--json'])).stdout)
    expect(after.totalBytes).toBe(0)
  })
})
