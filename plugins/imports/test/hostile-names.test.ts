/**
 * Issue 11, items 1, 2 and the lock version: names and paths that other people control (a
 * registry's package, a committed aigogo.lock, the project path) never write outside their
 * place, never run code at Python start, and a refusal is a coded error that wrote nothing.
 * Real docker-registry, real venvs, real node.
 */
import {execa} from 'execa'
import {mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, cleanEnv, jsonError} from '../../../test/helpers/cli.js'
import {startRegistry, type TestRegistry} from '../../../test/helpers/registry.js'
import {snapshotTree} from '../../../test/helpers/tree-snapshot.js'
import {buildPackage, ok, useWorkAndHome} from './helpers/packages.js'
import {pushRawPackage, sitePackagesOf} from './helpers/hostile.js'

// A .pth line that starts with "import" runs at every Python start; it leaves a marker file.
const PTH_PAYLOAD = "import os; open(os.environ['AIGOGO_TEST_MARK'], 'w').close()\n"

const ws = useWorkAndHome('file')
let registry: TestRegistry

beforeAll(async () => {
  registry = await startRegistry()
  await buildPackage(ws.home, join(ws.work, 'src', 'js'), {files: {'index.js': "exports.hi = () => 'hi'\n"}, language: 'javascript', name: 'js-pkg'})
  await buildPackage(ws.home, join(ws.work, 'src', 'py'), {files: {'helpers.py': 'def hi():\n    return "hi"\n', 'zz_escape.pth': PTH_PAYLOAD}, name: 'py-pkg'})
}, 60_000)
afterAll(async () => {
  await registry?.stop()
  // The store's package directories are read-only: make them removable before the work dir goes.
  await execa('chmod', ['-R', 'u+w', ws.work])
})

async function newCase(name: string): Promise<{dir: string; project: string}> {
  const dir = join(ws.work, name)
  const project = join(dir, 'project')
  await mkdir(project, {recursive: true})
  return {dir, project}
}

async function makeVenv(path: string): Promise<string> {
  await execa('python3', ['-m', 'venv', '--without-pip', path])
  return path
}

/** Starts the venv's python with the marker variable set; true when a .pth ran the payload. */
async function pthRan(venv: string, dir: string): Promise<boolean> {
  const mark = join(dir, 'pth-ran')
  await rm(mark, {force: true})
  await execa(join(venv, 'bin', 'python'), ['-c', 'pass'], {env: cleanEnv({AIGOGO_TEST_MARK: mark, PYTHONPATH: undefined}), extendEnv: false})
  return readFile(mark).then(() => true, () => false)
}

async function pthFiles(venv: string): Promise<string[]> {
  return (await readdir(await sitePackagesOf(venv))).filter((n) => n.endsWith('.pth') && n !== 'distutils-precedence.pth')
}

describe('a package name from a registry', () => {
  it('"../../../../x" in a pushed aigogo.json: add refuses (NAME_INVALID, exit 3), lock, store and the disk stay as they were', async () => {
    const {dir, project} = await newCase('registry-name')
    const ref = await pushRawPackage(registry, dir, 'evil/x', '1.0.0', {
      'aigogo.json': JSON.stringify({files: {include: ['index.js']}, language: {name: 'javascript', version: '>=18'}, name: '../../../../x', version: '1.0.0'}),
      'index.js': "exports.pwned = true\n",
    })
    ok(await aigogo(['add', 'js-pkg:1.0.0'], {cwd: project, home: ws.home}))
    // Where the escaped package would land (next to the project), with a package.json of someone else's.
    await mkdir(join(dir, 'x'))
    await writeFile(join(dir, 'x', 'package.json'), '{"name": "not-yours"}\n')
    const before = await snapshotTree(dir)
    const store = await snapshotTree(join(ws.home, 'store'))

    const added = await aigogo(['add', ref, '--json'], {cwd: project, home: ws.home})
    expect(added.exitCode).toBe(3)
    const error = jsonError(added)
    expect(error.code).toBe('NAME_INVALID')
    expect(error.message).toContain('"../../../../x"')
    expect(await snapshotTree(dir)).toEqual(before)
    expect(await snapshotTree(join(ws.home, 'store'))).toEqual(store)
    const pulled = await aigogo(['pull', ref, '--json'], {cwd: project, home: ws.home})
    expect(pulled.exitCode).toBe(3)
    expect(jsonError(pulled).code).toBe('NAME_INVALID')
    expect(await snapshotTree(join(ws.home, 'store'))).toEqual(store)

    // And what the lock still holds installs inside .aigogo/ only.
    ok(await aigogo(['install'], {cwd: project, home: ws.home}))
    const after = await snapshotTree(dir, {skip: ['project/.aigogo', 'project/.gitignore']})
    expect(after).toEqual(before)
  })
})

describe('a script path from a registry package', () => {
  it('"scripts" pointing outside the package is refused by exec (SCRIPT_PATH_UNSAFE, exit 3); the file outside does not run', async () => {
    const {dir, project} = await newCase('script-path')
    const outside = join(dir, 'outside.py')
    await writeFile(outside, "open(__file__ + '.ran', 'w').close()\n")
    const ref = await pushRawPackage(registry, dir, 'evil/script', '1.0.0', {
      'aigogo.json': JSON.stringify({files: {include: ['tool.py']}, language: {name: 'python', version: '>=3.8'}, name: 'evil-script', scripts: {'evil-script': `${'../'.repeat(40)}${outside.slice(1)}`}, version: '1.0.0'}),
      'tool.py': 'print("tool")\n',
    })
    ok(await aigogo(['add', ref], {cwd: project, home: ws.home}))
    const result = await aigogo(['exec', 'evil-script'], {cwd: project, home: ws.home})
    expect(result.exitCode).toBe(3)
    expect(result.stderr).toContain('SCRIPT_PATH_UNSAFE')
    expect(await readFile(`${outside}.ran`).then(() => true, () => false)).toBe(false)
  })
})

describe('a renamed key in a committed aigogo.lock', () => {
  const cases = [
    {key: '../../../x', language: 'javascript', ref: 'js-pkg:1.0.0'},
    {key: '../../../x', language: 'python', ref: 'py-pkg:1.0.0'},
    // Straight into the venv's site-packages, where the package's own .pth would run at every start.
    {key: 'site-packages', language: 'python', ref: 'py-pkg:1.0.0'},
  ]
  it.each(cases)('$language key $key: install refuses before writing anything (no file outside, no .pth in the venv)', async ({key, language, ref}) => {
    const {dir, project} = await newCase(`lock-key-${language}-${key.replace(/\W/g, '')}`)
    const venv = await makeVenv(join(dir, 'venv'))
    ok(await aigogo(['add', ref], {cwd: project, home: ws.home}))
    const lockFile = join(project, 'aigogo.lock')
    const lock = JSON.parse(await readFile(lockFile, 'utf8')) as {packages: Record<string, unknown>}
    const [original] = Object.keys(lock.packages)
    const hostile = key === 'site-packages' ? relative(join(project, '.aigogo', 'imports', 'aigogo'), await sitePackagesOf(venv)) : key
    lock.packages = {[hostile]: lock.packages[original!]}
    await writeFile(lockFile, JSON.stringify(lock, null, 2) + '\n')
    // Someone's own file where a JavaScript package would have been linked.
    await mkdir(join(project, 'x'))
    await writeFile(join(project, 'x', 'package.json'), '{"name": "not-yours"}\n')
    const before = await snapshotTree(dir)

    const result = await aigogo(['install', '--json'], {cwd: project, env: {VIRTUAL_ENV: venv}, home: ws.home})
    expect(result.exitCode).toBe(3)
    const error = jsonError(result)
    expect(error.code).toBe('NAME_INVALID')
    expect(error.message).toContain('lock key')
    expect(await snapshotTree(dir)).toEqual(before)
    expect(await pthFiles(venv)).toEqual([])
    expect(await pthRan(venv, dir)).toBe(false)
  })

  it('a "files" entry that leaves the package is refused as LOCK_CORRUPT (exit 3)', async () => {
    const {dir, project} = await newCase('lock-files')
    ok(await aigogo(['add', 'js-pkg:1.0.0'], {cwd: project, home: ws.home}))
    const lockFile = join(project, 'aigogo.lock')
    await writeFile(lockFile, (await readFile(lockFile, 'utf8')).replace('"index.js"', '"../../outside.js"'))
    const before = await snapshotTree(dir)
    const result = await aigogo(['install', '--json'], {cwd: project, home: ws.home})
    expect(result.exitCode).toBe(3)
    expect(jsonError(result)).toMatchObject({code: 'LOCK_CORRUPT'})
    expect(await snapshotTree(dir)).toEqual(before)
  })
})

describe('uninstall', () => {
  it('removes only the .pth install recorded, not a file an edited record points at', async () => {
    const {dir, project} = await newCase('uninstall')
    const venv = await makeVenv(join(dir, 'venv'))
    ok(await aigogo(['add', 'py-pkg:1.0.0'], {cwd: project, home: ws.home}))
    const installed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: project, env: {VIRTUAL_ENV: venv}, home: ws.home})).stdout) as {python: {pth: string; importsDir: string}}
    // A file outside with exactly the content uninstall looks for, and the record edited to name it.
    const bystander = join(dir, 'notes.txt')
    await writeFile(bystander, `${installed.python.importsDir}\n`)
    await writeFile(join(project, '.aigogo', '.pth-location'), `${bystander}\n`)

    ok(await aigogo(['uninstall'], {cwd: project, home: ws.home}))
    expect(await readFile(bystander, 'utf8')).toBe(`${installed.python.importsDir}\n`)
    expect(await readdir(project)).toEqual(['aigogo.lock'])
  })
})

describe('the project path in the .pth file', () => {
  it('a project directory whose name holds "\\nimport os; ..." is refused (PROJECT_PATH_UNSAFE, exit 2): no .pth, no code at Python start', async () => {
    const dir = join(ws.work, 'pth-injection')
    const project = join(dir, `project\n${PTH_PAYLOAD.trim()} #`)
    await mkdir(project, {recursive: true})
    const venv = await makeVenv(join(dir, 'venv'))
    ok(await aigogo(['add', 'py-pkg:1.0.0'], {cwd: project, home: ws.home}))
    const before = await snapshotTree(dir)

    const result = await aigogo(['install', '--json'], {cwd: project, env: {VIRTUAL_ENV: venv}, home: ws.home})
    expect(result.exitCode).toBe(2)
    const error = jsonError(result)
    expect(error.code).toBe('PROJECT_PATH_UNSAFE')
    expect(error.message).toContain('\\nimport os')
    expect(error.hints.join('\n')).toMatch(/rename/)
    expect(await snapshotTree(dir)).toEqual(before)
    expect(await pthFiles(venv)).toEqual([])
    expect(await pthRan(venv, dir)).toBe(false)
  })
})

describe('the lock format version', () => {
  it('"version": 2 is refused by install and add (LOCK_VERSION_UNSUPPORTED, exit 3), naming version 1; the lock is kept', async () => {
    const {dir, project} = await newCase('lock-version')
    ok(await aigogo(['add', 'js-pkg:1.0.0'], {cwd: project, home: ws.home}))
    const lockFile = join(project, 'aigogo.lock')
    await writeFile(lockFile, (await readFile(lockFile, 'utf8')).replace('"version": 1,', '"version": 2,'))
    const before = await snapshotTree(dir)
    for (const args of [['install', '--json'], ['add', 'py-pkg:1.0.0', '--json']]) {
      const result = await aigogo(args, {cwd: project, home: ws.home})
      expect(result.exitCode).toBe(3)
      const error = jsonError(result)
      expect(error.code).toBe('LOCK_VERSION_UNSUPPORTED')
      expect(error.message).toMatch(/version 2.*version 1/)
    }
    expect(await snapshotTree(dir)).toEqual(before)
  })
})
