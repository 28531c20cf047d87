/**
 * Issue 15 item 13: names the upstream Go tool builds (it validates none: `pkgA`, `My_Utils`)
 * are added, wired under an import name (Python: upstream's NormalizeName, case kept; JavaScript:
 * a valid npm name, lower-case), and two packages that would share one import name are refused.
 * The local builds are written the way upstream writes them (cache/<name>_<tag>/ with
 * .aigogo-metadata.json); real venv, real node.
 */
import {execa} from 'execa'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, cleanEnv, jsonError, tempDir} from '../../../test/helpers/cli.js'
import {buildPackage, ok} from './helpers/packages.js'

let work: string
let home: string
let cleanup: () => Promise<void>

/** A build as the upstream tool leaves it in the shared AIGOGO_HOME/cache. */
async function upstreamBuild(name: string, language: 'python' | 'javascript', files: Record<string, string>): Promise<string> {
  const ref = `${name}:1.0.0`
  const dir = join(home, 'cache', `${name}_1.0.0`)
  await mkdir(dir, {recursive: true})
  const manifest = {files: {include: 'auto'}, language: {name: language, version: language === 'python' ? '>=3.8' : '>=18'}, metadata: {}, name, version: '1.0.0'}
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text)
  await writeFile(join(dir, 'aigogo.json'), JSON.stringify(manifest, null, 2))
  await writeFile(join(dir, '.aigogo-metadata.json'), JSON.stringify({built_at: '2026-01-01T00:00:00Z', manifest, name: ref, source: 'local', type: 'local-build'}, null, 2))
  return ref
}

beforeAll(async () => {
  ;({cleanup, path: work} = await tempDir())
  home = join(work, 'home')
})
afterAll(() => cleanup())

describe('package names the upstream tool builds', () => {
  it('adds and installs pkgA: Python imports aigogo.pkgA; My_Pkg is required as @aigogo/my_pkg', async () => {
    const py = await upstreamBuild('pkgA', 'python', {'helpers.py': 'def hi():\n    return "hi from py"\n'})
    const project = join(work, 'project')
    await mkdir(project)
    const added = JSON.parse(ok(await aigogo(['add', py, '--json'], {cwd: project, home})).stdout) as {key: string}
    expect(added.key).toBe('pkgA')
    // The JavaScript package of the same upstream name, in another project (one name per lock).
    const js = await upstreamBuild('My_Pkg', 'javascript', {'index.js': "exports.hi = () => 'hi from js'\n"})
    const addedJs = JSON.parse(ok(await aigogo(['add', js, '--json'], {cwd: project, home})).stdout) as {key: string}
    expect(addedJs.key).toBe('my_pkg')

    const venv = join(work, 'venv')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    ok(await aigogo(['install'], {cwd: project, env: {VIRTUAL_ENV: venv}, home}))
    const python = await execa(join(venv, 'bin', 'python'), ['-c', 'from aigogo.pkgA import hi; print(hi())'], {cwd: work, env: cleanEnv({PYTHONPATH: undefined}), extendEnv: false})
    expect(python.stdout).toBe('hi from py')
    const node = await execa(process.execPath, ['--require', join(project, '.aigogo', 'register.js'), '-e', "console.log(require('@aigogo/my_pkg').hi())"], {cwd: project})
    expect(node.stdout).toBe('hi from js')
    const pjson = JSON.parse(await readFile(join(project, '.aigogo', 'imports', '@aigogo', 'my_pkg', 'package.json'), 'utf8')) as {name: string}
    expect(pjson.name).toBe('@aigogo/my_pkg')
    // push --from and remove find the upstream build too.
    ok(await aigogo(['remove', js], {home}))
  })

  it('refuses a second package that would import under the same name, leaving the lock as it was', async () => {
    const project = join(work, 'collide')
    await mkdir(project)
    ok(await aigogo(['add', await upstreamBuild('Tools', 'javascript', {'index.js': 'exports.a = 1\n'}), '--json'], {cwd: project, home}))
    const lock = await readFile(join(project, 'aigogo.lock'), 'utf8')
    const other = await buildPackage(home, join(work, 'tools-src'), {files: {'index.js': 'exports.b = 2\n'}, language: 'javascript', name: 'tools'})
    const refused = await aigogo(['add', other, '--json'], {cwd: project, home})
    expect([refused.exitCode, jsonError(refused).code]).toEqual([2, 'IMPORT_NAME_COLLISION'])
    expect(await readFile(join(project, 'aigogo.lock'), 'utf8')).toBe(lock)
    // A new version of the same package still replaces the old one.
    const again = join(work, 'again')
    await mkdir(again)
    ok(await aigogo(['add', other], {cwd: again, home}))
    const newer = await buildPackage(home, join(work, 'tools-src'), {files: {'index.js': 'exports.b = 3\n'}, language: 'javascript', name: 'tools', version: '1.0.1'})
    expect((JSON.parse(ok(await aigogo(['add', newer, '--json'], {cwd: again, home})).stdout) as {replaced: boolean}).replaced).toBe(true)
  })
})
