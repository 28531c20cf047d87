import {chmod, copyFile, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {buildPackage, ok, useWorkAndHome} from './helpers/packages.js'

interface Lock {
  packages: Record<string, {integrity: string}>
}

describe('aigogo install', () => {
  const ws = useWorkAndHome('test')
  let project: string
  const env = {VIRTUAL_ENV: undefined}

  beforeEach(async () => {
    await buildPackage(ws.home, join(ws.work, 'author'), {files: {'tool.js': 'exports.v = 1\n'}, language: 'javascript', name: 'tool'})
    project = join(ws.work, 'project')
    await mkdir(project)
    ok(await aigogo(['add', 'tool:1.0.0'], {cwd: project, home: ws.home}))
  })

  const storeDir = async (): Promise<string> => {
    const {packages} = JSON.parse(await readFile(join(project, 'aigogo.lock'), 'utf8')) as Lock
    const hash = (packages.tool?.integrity ?? '').replace('sha256:', '')
    return join(ws.home, 'store', 'sha256', hash.slice(0, 2), hash)
  }

  it('is idempotent and reports a no-op when nothing changed', async () => {
    const first = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: project, env, home: ws.home})).stdout) as {upToDate: boolean}
    const second = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: project, env, home: ws.home})).stdout) as {upToDate: boolean; packages: unknown[]}
    expect(first.upToDate).toBe(false)
    expect(second.upToDate).toBe(true)
    expect(second.packages).toHaveLength(1)
    expect(ok(await aigogo(['install'], {cwd: project, env, home: ws.home})).stdout).toContain('nothing changed')
  })

  it('installs on a fresh machine from the lock alone, fetching a local build the store lacks', async () => {
    await rm(join(ws.home, 'store'), {force: true, recursive: true})
    const fresh = join(ws.work, 'fresh')
    await mkdir(fresh)
    await copyFile(join(project, 'aigogo.lock'), join(fresh, 'aigogo.lock'))
    const result = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: fresh, env, home: ws.home})).stdout) as {fetched: number}
    expect(result.fetched).toBe(1)
    expect(await readFile(join(fresh, '.aigogo', 'imports', '@aigogo', 'tool', 'tool.js'), 'utf8')).toBe('exports.v = 1\n')
    // The store capability checked the package (no index yet) before the local source stored it:
    // the snapshot it takes next must see the new index, or the stamp misses it (and every no-op
    // install reads the index again).
    const stamp = JSON.parse(await readFile(join(fresh, '.aigogo', '.install-stamp'), 'utf8')) as {store: unknown[]}
    expect(stamp.store).toHaveLength(1)
  })

  it('refuses a modified store file it cannot fetch again, and links nothing', async () => {
    const file = join(await storeDir(), 'files', 'tool.js')
    await chmod(file, 0o644)
    await writeFile(file, 'exports.v = "evil"\n')
    ok(await aigogo(['remove', 'tool:1.0.0'], {home: ws.home}))
    const result = await aigogo(['install', '--json'], {cwd: project, env, home: ws.home})
    expect(result.exitCode).toBe(3)
    expect(jsonError(result).code).toBe('STORE_TAMPERED')
    expect(await readdir(project)).toEqual(['aigogo.lock'])
  })

  it('unlinks a package whose store copy fails a forced re-verification, keeping the rest of .aigogo/', async () => {
    ok(await aigogo(['install'], {cwd: project, env, home: ws.home}))
    const file = join(await storeDir(), 'files', 'tool.js')
    await chmod(file, 0o644)
    await writeFile(file, 'exports.v = "evil"\n')
    ok(await aigogo(['remove', 'tool:1.0.0'], {home: ws.home}))
    const result = await aigogo(['install', '--force', '--json'], {cwd: project, env, home: ws.home})
    expect(jsonError(result).code).toBe('STORE_TAMPERED')
    expect(await readdir(join(project, '.aigogo', 'imports', '@aigogo'))).toEqual([])
    expect((await readdir(project)).sort()).toEqual(['.aigogo', '.gitignore', 'aigogo.lock'])
  })

  it('refuses content that does not match the lock, naming the package', async () => {
    await rm(join(ws.home, 'store'), {force: true, recursive: true})
    await buildPackage(ws.home, join(ws.work, 'author'), {files: {'tool.js': 'exports.v = 2\n'}, language: 'javascript', name: 'tool'})
    const result = await aigogo(['install', '--json'], {cwd: project, env, home: ws.home})
    expect(result.exitCode).toBe(3)
    const error = jsonError(result)
    expect(error.code).toBe('INTEGRITY_MISMATCH')
    expect(error.message).toContain('tool')
    expect(await readdir(project)).toEqual(['aigogo.lock'])
  })

  it('--frozen fails when a source now resolves to different content, and changes nothing', async () => {
    ok(await aigogo(['install'], {cwd: project, env, home: ws.home}))
    await buildPackage(ws.home, join(ws.work, 'author'), {files: {'tool.js': 'exports.v = 3\n'}, language: 'javascript', name: 'tool'})
    const result = await aigogo(['install', '--frozen', '--json'], {cwd: project, env, home: ws.home})
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('LOCK_OUTDATED')
    expect(await readFile(join(project, '.aigogo', 'imports', '@aigogo', 'tool', 'tool.js'), 'utf8')).toBe('exports.v = 1\n')
  })

  it('adds .aigogo/ to .gitignore and uninstall removes exactly what install created', async () => {
    await writeFile(join(project, '.gitignore'), 'node_modules/\n*.log\n')
    await writeFile(join(project, 'app.js'), '// mine\n')
    ok(await aigogo(['install'], {cwd: project, env, home: ws.home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\n\n.aigogo/\n')
    ok(await aigogo(['install', '--force'], {cwd: project, env, home: ws.home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\n\n.aigogo/\n')
    ok(await aigogo(['uninstall'], {cwd: project, home: ws.home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\n')
    expect((await readdir(project)).sort()).toEqual(['.gitignore', 'aigogo.lock', 'app.js'])
    expect(ok(await aigogo(['uninstall'], {cwd: project, home: ws.home})).stdout).toContain('Nothing to uninstall')
  })

  it('leaves a .gitignore that already ignores .aigogo untouched', async () => {
    await writeFile(join(project, '.gitignore'), '/.aigogo\n')
    ok(await aigogo(['install'], {cwd: project, env, home: ws.home}))
    ok(await aigogo(['uninstall'], {cwd: project, home: ws.home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('/.aigogo\n')
  })

  it('fails with LOCK_NOT_FOUND outside a project', async () => {
    const result = await aigogo(['install', '--json'], {cwd: ws.work, home: ws.home})
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('LOCK_NOT_FOUND')
  })
})
