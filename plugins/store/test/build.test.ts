import {mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {useTempWorkDir} from '../../../test/helpers/temp-work-dir.js'
import {manifestJson, pythonPackage} from './fixtures.js'

const dir = useTempWorkDir()
const home = useTempWorkDir('aigogo-home-')

const run = (args: string[], cwd = dir.path) => aigogo(args, {cwd, home: home.path})
const cacheEntries = async () => readdir(join(home.path, 'cache')).catch(() => [] as string[])
const tmpEntries = async () => readdir(join(home.path, 'tmp')).catch(() => [] as string[])

describe('aigogo build', () => {
  it('auto-increments the patch version and packages the NEW version', async () => {
    await pythonPackage(dir.path)
    const result = await run(['build', '--no-validate', '--json'])
    expect(result.exitCode).toBe(0)
    const built = JSON.parse(result.stdout)
    expect(built).toMatchObject({previousVersion: '0.1.0', ref: 'my-utils:0.1.1', version: '0.1.1'})
    expect(built.files).toEqual(['aigogo.json', 'helpers/text.py', 'utils.py'])
    const packaged = JSON.parse(await readFile(join(home.path, 'cache', 'my-utils_0.1.1', 'aigogo.json'), 'utf8'))
    expect(packaged.version).toBe('0.1.1')
    const author = await readFile(join(dir.path, 'aigogo.json'), 'utf8')
    expect(JSON.parse(author).version).toBe('0.1.1')
    // The package's manifest is the author's manifest, byte for byte.
    expect(await readFile(join(home.path, 'cache', 'my-utils_0.1.1', 'aigogo.json'), 'utf8')).toBe(author)
    const metadata = JSON.parse(await readFile(join(home.path, 'cache', 'my-utils_0.1.1', '.aigogo-metadata.json'), 'utf8'))
    expect(metadata).toMatchObject({integrity: built.integrity, name: 'my-utils:0.1.1', source: 'local', type: 'local-build'})
  })

  it('builds an explicit name:tag without touching aigogo.json and refuses to overwrite it without --force', async () => {
    await pythonPackage(dir.path)
    const before = await readFile(join(dir.path, 'aigogo.json'), 'utf8')
    expect((await run(['build', 'string-utils:1.0.0', '--no-validate'])).exitCode).toBe(0)
    expect(await readFile(join(dir.path, 'aigogo.json'), 'utf8')).toBe(before)
    // The built package says what it was built as, so a lock records 1.0.0, not the source's version.
    const packaged = JSON.parse(await readFile(join(home.path, 'cache', 'string-utils_1.0.0', 'aigogo.json'), 'utf8')) as {version: string}
    expect(packaged.version).toBe('1.0.0')
    const again = await run(['build', 'string-utils:1.0.0', '--no-validate', '--json'])
    expect(again.exitCode).toBe(2)
    expect(jsonError(again).code).toBe('BUILD_EXISTS')
    expect((await run(['build', '--force', 'string-utils:1.0.0', '--no-validate'])).exitCode).toBe(0)
  })

  it('leaves nothing behind when a build fails, and the next build succeeds', async () => {
    await pythonPackage(dir.path, {scripts: {run: 'main.py'}})
    const failed = await run(['build', 'my-utils:1.0.0', '--no-validate', '--json'])
    expect(failed.exitCode).toBe(2)
    expect(jsonError(failed).code).toBe('SCRIPT_NOT_PACKAGED')
    expect(await cacheEntries()).toEqual([])
    expect(await tmpEntries()).toEqual([])
    await writeFile(join(dir.path, 'main.py'), 'print("hi")\n')
    expect((await run(['build', 'my-utils:1.0.0', '--no-validate'])).exitCode).toBe(0)
    expect((await stat(join(home.path, 'cache', 'my-utils_1.0.0', 'main.py'))).isFile()).toBe(true)
  })

  it('refuses references that are not local name:tag, and writes nothing', async () => {
    await pythonPackage(dir.path)
    for (const [ref, code] of [
      ['my-utils', 'REF_INVALID'],
      ['My_Utils:1.0', 'REF_INVALID'],
      ['my-utils:', 'REF_INVALID'],
      ['docker.io/org/my-utils:1.0.0', 'REF_NOT_LOCAL'],
    ]) {
      const result = await run(['build', ref as string, '--no-validate', '--json'])
      expect(result.exitCode, ref).toBe(1)
      expect(jsonError(result).code, ref).toBe(code)
    }
    expect(await cacheEntries()).toEqual([])
  })

  it('refuses a package with no files and one outside any package', async () => {
    await writeFile(join(dir.path, 'aigogo.json'), manifestJson({files: {include: []}}))
    const empty = await run(['build', '--no-validate', '--json'])
    expect(jsonError(empty).code).toBe('NO_FILES_SPECIFIED')
    const none = await tempDir()
    const missing = await aigogo(['build', '--json'], {cwd: none.path, home: home.path})
    await none.cleanup()
    expect(missing.exitCode).toBe(2)
    expect(jsonError(missing).code).toBe('MANIFEST_NOT_FOUND')
    expect(JSON.parse(await readFile(join(dir.path, 'aigogo.json'), 'utf8')).version).toBe('0.1.0')
  })

  it('survives two concurrent builds of the same tag', async () => {
    await pythonPackage(dir.path)
    const [a, b] = await Promise.all([run(['build', 'my-utils:2.0.0', '--force', '--no-validate']), run(['build', 'my-utils:2.0.0', '--force', '--no-validate'])])
    expect([a.exitCode, b.exitCode]).toEqual([0, 0])
    expect(await cacheEntries()).toEqual(['my-utils_2.0.0'])
    expect((await readdir(join(home.path, 'cache', 'my-utils_2.0.0'))).sort()).toEqual(['.aigogo-metadata.json', 'aigogo.json', 'helpers', 'utils.py'])
    expect(await tmpEntries()).toEqual([])
  })

  it('fails with a coded error when a file cannot be written into the stage, and keeps the build it replaces', async () => {
    // Deep enough that the stage's path plus a 243-character file name passes PATH_MAX (4,096),
    // where the source's path does not: writing that one file fails (ENAMETOOLONG), as a full disk would.
    const deepHome = join(home.path, ...Array.from({length: 16}, () => 'h'.repeat(240)))
    await mkdir(deepHome, {recursive: true})
    const runDeep = (args: string[]) => aigogo(args, {cwd: dir.path, home: deepHome})
    await pythonPackage(dir.path, {files: {include: ['utils.py']}})
    expect((await runDeep(['build', 'my-utils:1.0.0', '--no-validate'])).exitCode).toBe(0)
    const long = `${'m'.repeat(240)}.py`
    await writeFile(join(dir.path, long), 'x = 1\n')
    await writeFile(join(dir.path, 'aigogo.json'), manifestJson({files: {include: ['utils.py', long]}}))
    const failed = await runDeep(['build', 'my-utils:1.0.0', '--force', '--no-validate', '--json'])
    expect([failed.exitCode, jsonError(failed).code]).toEqual([2, 'FILE_WRITE_FAILED'])
    expect(jsonError(failed).hints.join(' ')).toContain('AIGOGO_HOME')
    expect(await readdir(join(deepHome, 'tmp'))).toEqual([])
    expect((await readdir(join(deepHome, 'cache', 'my-utils_1.0.0'))).sort()).toEqual(['.aigogo-metadata.json', 'aigogo.json', 'utils.py'])
  })
})
