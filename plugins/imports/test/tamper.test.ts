/**
 * Tampering with the content-addressable store (issue 11, item 6): an attacker who is the same
 * user makes a stored file writable and edits it. Every install (the no-op one included), add and
 * pull must notice; the package is fetched again from its source, or refused (STORE_TAMPERED) and
 * unlinked from .aigogo/ so that the edited code cannot run. Real CLI, real store, real Python and
 * Node processes importing the packages, a real docker-registry as a source.
 */
import {execa} from 'execa'
import {chmod, copyFile, lstat, mkdir, readFile, rename, rm, stat, unlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {startRegistry, type TestRegistry} from '../../../test/helpers/registry.js'
import {buildPackage, ok} from './helpers/packages.js'

const GOOD = 'def hello():\n    return "good"\n'
// Same length as GOOD: a replacement the size check alone cannot see.
const EVIL = 'def hello():\n    return "EVIL"\n'

interface InstallJson {
  upToDate: boolean
  restored: Array<{package: string; changed: string[]}>
}

interface Lock {
  packages: Record<string, {integrity: string}>
}

interface StoreIndexJson {
  entries: Record<string, {size: number; mtimeNs: string; ctimeNs: string; ino: string}>
  dirs?: Record<string, {mtimeNs: string; ctimeNs: string; ino: string}>
}

let work: string
let home: string
let project: string
let cleanup: () => Promise<void>

async function storeDirOf(dir: string, key: string, storeHome = home): Promise<string> {
  const {packages} = JSON.parse(await readFile(join(dir, 'aigogo.lock'), 'utf8')) as Lock
  const hex = (packages[key]?.integrity ?? '').replace('sha256:', '')
  return join(storeHome, 'store', 'sha256', hex.slice(0, 2), hex)
}

/** What an attacker who is the same user does: make the read-only store file writable, write it. */
async function tamper(file: string, content = EVIL): Promise<void> {
  await chmod(file, 0o644)
  await writeFile(file, content)
}

async function python(dir: string): Promise<{exitCode: number; stdout: string; stderr: string}> {
  const r = await execa(join(dir, 'venv', 'bin', 'python'), ['-c', 'from aigogo.greet import hello; print(hello())'], {cwd: dir, reject: false})
  return {exitCode: r.exitCode ?? -1, stderr: String(r.stderr), stdout: String(r.stdout).trim()}
}

async function node(dir: string): Promise<string> {
  return String((await execa('node', ['-e', "require('./.aigogo/register'); console.log(require('@aigogo/tool').v)"], {cwd: dir})).stdout).trim()
}

const install = async (dir: string, args: string[] = [], env: Record<string, string> = {}, storeHome = home) =>
  aigogo(['install', '--json', '--python', join(dir, 'venv', 'bin', 'python'), ...args], {cwd: dir, env: {VIRTUAL_ENV: undefined, ...env} as Record<string, string>, home: storeHome})

async function newProject(dir: string): Promise<void> {
  await mkdir(dir, {recursive: true})
  await execa('python3', ['-m', 'venv', '--without-pip', join(dir, 'venv')])
}

describe('tampering with the store, local builds as the source', () => {
  beforeEach(async () => {
    ;({cleanup, path: work} = await tempDir('aigogo-tamper-'))
    home = join(work, 'home')
    await buildPackage(home, join(work, 'greet'), {files: {'greet.py': GOOD}, name: 'greet'})
    await buildPackage(home, join(work, 'tool'), {files: {'tool.js': 'exports.v = "tool ok"\n'}, language: 'javascript', name: 'tool'})
    project = join(work, 'project')
    await newProject(project)
    ok(await aigogo(['add', 'greet:1.0.0'], {cwd: project, home}))
    ok(await aigogo(['add', 'tool:1.0.0'], {cwd: project, home}))
    ok(await install(project))
    expect((await python(project)).stdout).toBe('good')
  })
  afterEach(() => cleanup())

  it('records an index of every stored file when the package enters the store', async () => {
    const index = JSON.parse(await readFile(join(await storeDirOf(project, 'greet'), 'index.json'), 'utf8')) as StoreIndexJson
    expect(Object.keys(index.entries).sort()).toEqual(['aigogo.json', 'files/aigogo.json', 'files/greet.py'])
    const file = await stat(join(await storeDirOf(project, 'greet'), 'files', 'greet.py'), {bigint: true})
    expect(index.entries['files/greet.py']).toMatchObject({ctimeNs: String(file.ctimeNs), ino: String(file.ino), mtimeNs: String(file.mtimeNs), size: GOOD.length})
    // Directories too: an entry added to one changes its mtime and ctime.
    const files = await stat(join(await storeDirOf(project, 'greet'), 'files'), {bigint: true})
    expect(index.dirs).toEqual({files: {ctimeNs: String(files.ctimeNs), ino: String(files.ino), mtimeNs: String(files.mtimeNs)}})
  })

  it('a no-op install detects an edited store file and restores it from the local build', async () => {
    const file = join(await storeDirOf(project, 'greet'), 'files', 'greet.py')
    await tamper(file)
    const result = JSON.parse(ok(await install(project)).stdout) as InstallJson
    expect(result.upToDate).toBe(false)
    expect(result.restored).toEqual([{changed: ['files/greet.py'], package: 'greet'}])
    expect(await readFile(file, 'utf8')).toBe(GOOD)
    expect((await python(project)).stdout).toBe('good')
    // Restored with a fresh index: the next install is a no-op again.
    expect((JSON.parse(ok(await install(project)).stdout) as InstallJson).upToDate).toBe(true)
  })

  it('the full CLI (fast path unavailable) detects it too', async () => {
    await tamper(join(await storeDirOf(project, 'greet'), 'files', 'greet.py'))
    // A corrupt plugin state makes the kernel hand every command to oclif (with a warning).
    await mkdir(join(home, 'state'), {recursive: true})
    await writeFile(join(home, 'state', 'plugins.json'), '{')
    const result = JSON.parse(ok(await install(project)).stdout) as InstallJson
    expect(result.upToDate).toBe(false)
    expect(result.restored.map((r) => r.package)).toEqual(['greet'])
    expect((await python(project)).stdout).toBe('good')
  })

  it('with the source gone, refuses with STORE_TAMPERED and unlinks that package only', async () => {
    const dir = await storeDirOf(project, 'greet')
    await tamper(join(dir, 'files', 'greet.py'))
    ok(await aigogo(['remove', 'greet:1.0.0'], {home}))
    const result = await install(project)
    expect(result.exitCode).toBe(3)
    const error = jsonError(result) as ReturnType<typeof jsonError> & {details: {packages: Array<{package: string; changed: string[]}>}}
    expect(error.code).toBe('STORE_TAMPERED')
    expect(error.message).toContain('"greet"')
    expect(error.message).toContain('files/greet.py')
    expect(error.details.packages).toMatchObject([{changed: ['files/greet.py'], package: 'greet'}])
    // The edited code cannot run: the import fails cleanly.
    const py = await python(project)
    expect(py.exitCode).not.toBe(0)
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'aigogo.greet'")
    expect(py.stdout).not.toContain('EVIL')
    // The rest of the installation stays.
    expect(await node(project)).toBe('tool ok')
    // Nothing of it is left to link to, and a later install is not "up to date".
    await expect(stat(dir)).rejects.toThrow()
    const again = await install(project)
    expect(again.exitCode).not.toBe(0)
    expect((await python(project)).stdout).not.toContain('EVIL')
  })

  it('install --force re-hashes, restores from the source, and with the source gone unlinks', async () => {
    const file = join(await storeDirOf(project, 'greet'), 'files', 'greet.py')
    await tamper(file)
    ok(await install(project, ['--force']))
    expect((await python(project)).stdout).toBe('good')

    await tamper(file)
    ok(await aigogo(['remove', 'greet:1.0.0'], {home}))
    const result = await install(project, ['--force'])
    expect(result.exitCode).toBe(3)
    expect(jsonError(result).code).toBe('STORE_TAMPERED')
    const py = await python(project)
    expect(py.stderr).toContain('ModuleNotFoundError')
    expect(py.stdout).not.toContain('EVIL')
    expect(await node(project)).toBe('tool ok')
  })

  it('a file edited in place with its size and mtime put back (touch -d) is caught by its ctime', async () => {
    const dir = await storeDirOf(project, 'greet')
    const file = join(dir, 'files', 'greet.py')
    const before = await stat(file, {bigint: true})
    await tamper(file)
    const ns = before.mtimeNs % 1_000_000_000n
    await execa('touch', ['-m', '-d', `@${before.mtimeNs / 1_000_000_000n}.${String(ns).padStart(9, '0')}`, file])
    const after = await stat(file, {bigint: true})
    // Only the ctime tells: same inode, same size, same mtime.
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs])
    expect(after.ctimeNs).not.toBe(before.ctimeNs)
    const result = JSON.parse(ok(await install(project)).stdout) as InstallJson
    expect((await python(project)).stdout).toBe('good')
    expect(result.restored).toEqual([{changed: ['files/greet.py'], package: 'greet'}])
  })

  it('a file replaced by another of the same size and mtime is caught by its inode', async () => {
    const dir = await storeDirOf(project, 'greet')
    const file = join(dir, 'files', 'greet.py')
    const before = await stat(file, {bigint: true})
    const forged = join(work, 'forged.py')
    await writeFile(forged, EVIL)
    const ns = before.mtimeNs % 1_000_000_000n
    await execa('touch', ['-m', '-d', `@${before.mtimeNs / 1_000_000_000n}.${String(ns).padStart(9, '0')}`, forged])
    await chmod(join(dir, 'files'), 0o755)
    await rename(forged, file)
    const after = await stat(file, {bigint: true})
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs])
    expect(after.ino).not.toBe(before.ino)
    const result = JSON.parse(ok(await install(project)).stdout) as InstallJson
    expect((await python(project)).stdout).toBe('good')
    expect(result.restored.map((r) => r.package)).toEqual(['greet'])
  })

  it('a file added to, or replaced by a symlink in, a stored package is a change', async () => {
    const dir = await storeDirOf(project, 'greet')
    await chmod(join(dir, 'files'), 0o755)
    await writeFile(join(dir, 'files', 'extra.py'), 'import os\n')
    const added = JSON.parse(ok(await install(project)).stdout) as InstallJson
    await expect(stat(join(dir, 'files', 'extra.py'))).rejects.toThrow()
    expect(added.restored).toEqual([{changed: ['files/extra.py'], package: 'greet'}])

    const fresh = await storeDirOf(project, 'greet')
    await chmod(join(fresh, 'files'), 0o755)
    const copy = join(work, 'same-content.py')
    await copyFile(join(fresh, 'files', 'greet.py'), copy)
    await unlink(join(fresh, 'files', 'greet.py'))
    await execa('ln', ['-s', copy, join(fresh, 'files', 'greet.py')])
    const linked = JSON.parse(ok(await install(project)).stdout) as InstallJson
    expect((await stat(join(fresh, 'files', 'greet.py'))).isFile()).toBe(true)
    expect((await lstat(join(fresh, 'files', 'greet.py'))).isSymbolicLink()).toBe(false)
    expect(linked.restored).toEqual([{changed: ['files/greet.py'], package: 'greet'}])
  })

  it('a package stored without an index (the upstream tool, an older aigogo) is re-hashed in full and gets one', async () => {
    const dir = await storeDirOf(project, 'greet')
    await rm(join(dir, 'index.json'))
    expect((JSON.parse(ok(await install(project)).stdout) as InstallJson).upToDate).toBe(true)
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toHaveProperty(['entries', 'files/greet.py'])

    await rm(join(dir, 'index.json'))
    await tamper(join(dir, 'files', 'greet.py'))
    const result = JSON.parse(ok(await install(project)).stdout) as InstallJson
    // Without an index nobody knows which file changed, only that the package did.
    expect(result.restored).toEqual([{changed: [], package: 'greet'}])
    expect((await python(project)).stdout).toBe('good')
  })

  it('a touched but unchanged file (chmod) is re-hashed once, found intact, and its index entry refreshed', async () => {
    const dir = await storeDirOf(project, 'greet')
    const file = join(dir, 'files', 'greet.py')
    await chmod(file, 0o644)
    await chmod(file, 0o444)
    expect((JSON.parse(ok(await install(project)).stdout) as InstallJson).upToDate).toBe(true)
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as StoreIndexJson
    expect(index.entries['files/greet.py']?.ctimeNs).toBe(String((await stat(file, {bigint: true})).ctimeNs))
  })

  it('an index rewritten to match the edit fools the cheap check (a documented limit) but not install --force', async () => {
    const dir = await storeDirOf(project, 'greet')
    const file = join(dir, 'files', 'greet.py')
    await tamper(file)
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as StoreIndexJson & {entries: Record<string, {sha256: string}>}
    const now = await stat(file, {bigint: true})
    const {createHash} = await import('node:crypto')
    index.entries['files/greet.py'] = {ctimeNs: String(now.ctimeNs), ino: String(now.ino), mtimeNs: String(now.mtimeNs), sha256: createHash('sha256').update(EVIL).digest('hex'), size: EVIL.length}
    await writeFile(join(dir, 'index.json'), JSON.stringify(index))
    expect((JSON.parse(ok(await install(project)).stdout) as InstallJson).upToDate).toBe(true)
    // The full check compares with the integrity the lock records, which nothing local can forge.
    const forced = JSON.parse(ok(await install(project, ['--force'])).stdout) as InstallJson
    expect((await python(project)).stdout).toBe('good')
    expect(forced.restored).toEqual([{changed: [], package: 'greet'}])
  })

  it('a no-op install whose stamp snapshots still hold reads no store index; a touched package alone is checked', async () => {
    const greet = await storeDirOf(project, 'greet')
    const tool = await storeDirOf(project, 'tool')
    // Rewritten in place (the directory keeps its stats): only a reader of index.json would notice.
    for (const dir of [greet, tool]) await writeFile(join(dir, 'index.json'), 'not an index')
    expect((JSON.parse(ok(await install(project)).stdout) as InstallJson).upToDate).toBe(true)
    expect(await readFile(join(greet, 'index.json'), 'utf8')).toBe('not an index')
    // A chmod changes the file's ctime: that package, and only it, goes to the store's check,
    // which re-hashes it (no usable index), finds it intact and writes its index again.
    const file = join(greet, 'files', 'greet.py')
    await chmod(file, 0o644)
    await chmod(file, 0o444)
    expect((JSON.parse(ok(await install(project)).stdout) as InstallJson).upToDate).toBe(true)
    expect(JSON.parse(await readFile(join(greet, 'index.json'), 'utf8'))).toHaveProperty(['entries', 'files/greet.py'])
    expect(await readFile(join(tool, 'index.json'), 'utf8')).toBe('not an index')
  })

  it('aigogo add of a tampered stored package puts the build back', async () => {
    const file = join(await storeDirOf(project, 'greet'), 'files', 'greet.py')
    await tamper(file)
    const added = ok(await aigogo(['add', 'greet:1.0.0'], {cwd: project, home}))
    expect(added.stderr).toContain('had been modified (files/greet.py)')
    expect(await readFile(file, 'utf8')).toBe(GOOD)
  })
})

describe('tampering with the store, a registry as the source', () => {
  let registry: TestRegistry
  let root: {path: string; cleanup: () => Promise<void>}
  let authorHome: string
  let ref: string

  beforeAll(async () => {
    ;[registry, root] = await Promise.all([startRegistry(), tempDir('aigogo-tamper-reg-')])
    authorHome = join(root.path, 'author-home')
    await buildPackage(authorHome, join(root.path, 'greet'), {files: {'greet.py': GOOD}, name: 'greet'})
    ref = `${registry.host}/team/greet:1.0.0`
    ok(await aigogo(['push', ref, '--from', 'greet:1.0.0'], {env: registry.env, home: authorHome}))
  }, 60_000)
  afterAll(async () => {
    await registry?.stop()
    await root?.cleanup()
  })

  let consumerHome: string
  let consumer: string
  beforeEach(async () => {
    ;({cleanup, path: work} = await tempDir('aigogo-tamper-'))
    consumerHome = join(work, 'home')
    consumer = join(work, 'project')
    await newProject(consumer)
    ok(await aigogo(['add', ref], {cwd: consumer, env: registry.env, home: consumerHome}))
  })
  afterEach(() => cleanup())

  it('a no-op install restores an edited package from the registry it came from', async () => {
    ok(await install(consumer, [], registry.env, consumerHome))
    const file = join(await storeDirOf(consumer, 'greet', consumerHome), 'files', 'greet.py')
    await tamper(file)
    const result = JSON.parse(ok(await install(consumer, [], registry.env, consumerHome)).stdout) as InstallJson
    expect((await python(consumer)).stdout).toBe('good')
    expect(result.restored).toEqual([{changed: ['files/greet.py'], package: 'greet'}])
  })

  it('aigogo pull and aigogo add of a tampered stored package pull it again', async () => {
    const file = join(await storeDirOf(consumer, 'greet', consumerHome), 'files', 'greet.py')
    await tamper(file)
    const pulled = ok(await aigogo(['pull', ref], {env: registry.env, home: consumerHome}))
    expect(pulled.stderr).toContain('had been modified (files/greet.py)')
    expect(await readFile(file, 'utf8')).toBe(GOOD)

    await tamper(file)
    const added = ok(await aigogo(['add', ref], {cwd: consumer, env: registry.env, home: consumerHome}))
    expect(added.stderr).toContain('had been modified (files/greet.py)')
    expect(await readFile(file, 'utf8')).toBe(GOOD)
  })
})
