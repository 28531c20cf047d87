import {chmod, copyFile, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeEach, afterEach, describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {buildPackage, ok} from './helpers/packages.js'

interface Lock {
  packages: Record<string, {integrity: string}>
}

describe('aigogo install', () => {
  let work: string
  let home: string
  let project: string
  let cleanup: () => Promise<void>
  const env = {VIRTUAL_ENV: undefined}

  beforeEach(async () => {
    const t = await tempDir()
    ;({cleanup, path: work} = t)
    home = join(work, 'home')
    await buildPackage(home, join(work, 'author'), {files: {'tool.js': 'exports.v = 1\n'}, language: 'javascript', name: 'tool'})
    project = join(work, 'project')
    await mkdir(project)
    ok(await aigogo(['add', 'tool:1.0.0'], {cwd: project, home}))
  })
  afterEach(() => cleanup())

  const storeDir = async (): Promise<string> => {
    const {packages} = JSON.parse(await readFile(join(project, 'aigogo.lock'), 'utf8')) as Lock
    const hash = (packages.tool?.integrity ?? '').replace('sha256:', '')
    return join(home, 'store', 'sha256', hash.slice(0, 2), hash)
  }

  it('is idempotent and reports a no-op when nothing changed', async () => {
    const first = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: project, env, home})).stdout) as {upToDate: boolean}
    const second = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: project, env, home})).stdout) as {upToDate: boolean; packages: unknown[]}
    expect(first.upToDate).toBe(false)
    expect(second.upToDate).toBe(true)
    expect(second.packages).toHaveLength(1)
    expect(ok(await aigogo(['install'], {cwd: project, env, home})).stdout).toContain('nothing changed')
  })

  it('installs on a fresh machine from the lock alone, fetching a local build the store lacks', async () => {
    await rm(join(home, 'store'), {force: true, recursive: true})
    const fresh = join(work, 'fresh')
    await mkdir(fresh)
    await copyFile(join(project, 'aigogo.lock'), join(fresh, 'aigogo.lock'))
    const result = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: fresh, env, home})).stdout) as {fetched: number}
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
    ok(await aigogo(['remove', 'tool:1.0.0'], {home}))
    const result = await aigogo(['install', '--json'], {cwd: project, env, home})
    expect(result.exitCode).toBe(3)
    expect(jsonError(result).code).toBe('STORE_TAMPERED')
    expect(await readdir(project)).toEqual(['aigogo.lock'])
  })

  it('unlinks a package whose store copy fails a forced re-verification, keeping the rest of .aigogo/', async () => {
    ok(await aigogo(['install'], {cwd: project, env, home}))
    const file = join(await storeDir(), 'files', 'tool.js')
    await chmod(file, 0o644)
    await writeFile(file, 'exports.v = "evil"\n')
    ok(await aigogo(['remove', 'tool:1.0.0'], {home}))
    const result = await aigogo(['install', '--force', '--json'], {cwd: project, env, home})
    expect(jsonError(result).code).toBe('STORE_TAMPERED')
    expect(await readdir(join(project, '.aigogo', 'imports', '@aigogo'))).toEqual([])
    expect((await readdir(project)).sort()).toEqual(['.aigogo', '.gitignore', 'aigogo.lock'])
  })

  it('refuses content that does not match the lock, naming the package', async () => {
    await rm(join(home, 'store'), {force: true, recursive: true})
    await buildPackage(home, join(work, 'author'), {files: {'tool.js': 'exports.v = 2\n'}, language: 'javascript', name: 'tool'})
    const result = await aigogo(['install', '--json'], {cwd: project, env, home})
    expect(result.exitCode).toBe(3)
    const error = jsonError(result)
    expect(error.code).toBe('INTEGRITY_MISMATCH')
    expect(error.message).toContain('tool')
    expect(await readdir(project)).toEqual(['aigogo.lock'])
  })

  it('--frozen fails when a source now resolves to different content, and changes nothing', async () => {
    ok(await aigogo(['install'], {cwd: project, env, home}))
    await buildPackage(home, join(work, 'author'), {files: {'tool.js': 'exports.v = 3\n'}, language: 'javascript', name: 'tool'})
    const result = await aigogo(['install', '--frozen', '--json'], {cwd: project, env, home})
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('LOCK_OUTDATED')
    expect(await readFile(join(project, '.aigogo', 'imports', '@aigogo', 'tool', 'tool.js'), 'utf8')).toBe('exports.v = 1\n')
  })

  it('adds .aigogo/ to .gitignore and uninstall removes exactly what install created', async () => {
    await writeFile(join(project, '.gitignore'), 'node_modules/\n*.log\n')
    await writeFile(join(project, 'app.js'), '// mine\n')
    ok(await aigogo(['install'], {cwd: project, env, home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\n\n.aigogo/\n')
    ok(await aigogo(['install', '--force'], {cwd: project, env, home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\n\n.aigogo/\n')
    ok(await aigogo(['uninstall'], {cwd: project, home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\n')
    expect((await readdir(project)).sort()).toEqual(['.gitignore', 'aigogo.lock', 'app.js'])
    expect(ok(await aigogo(['uninstall'], {cwd: project, home})).stdout).toContain('Nothing to uninstall')
  })

  it('leaves a .gitignore that already ignores .aigogo untouched', async () => {
    await writeFile(join(project, '.gitignore'), '/.aigogo\n')
    ok(await aigogo(['install'], {cwd: project, env, home}))
    ok(await aigogo(['uninstall'], {cwd: project, home}))
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe('/.aigogo\n')
  })

  it('fails with LOCK_NOT_FOUND outside a project', async () => {
    const result = await aigogo(['install', '--json'], {cwd: work, home})
    expect(result.exitCode).toBe(2)
    expect(jsonError(result).code).toBe('LOCK_NOT_FOUND')
  })
})
