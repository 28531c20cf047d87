/**
 * The consumer workflows of the seed end to end, across the store, registry and imports plugins:
 * local-only (init / add file / build in one directory, add name:tag + install in another) and
 * the team workflow (a fresh clone holding only aigogo.lock, a fresh AIGOGO_HOME, a real registry).
 */
import {execa} from 'execa'
import {copyFile, mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, cleanEnv, tempDir} from './helpers/cli.js'
import {type TestRegistry, startRegistry} from './helpers/registry.js'

function ok(result: {exitCode: number; stdout: string; stderr: string}): {exitCode: number; stdout: string; stderr: string} {
  if (result.exitCode !== 0) throw new Error(`aigogo failed (${result.exitCode}):\n${result.stdout}\n${result.stderr}`)
  return result
}

async function authorStringUtils(home: string, dir: string): Promise<void> {
  await mkdir(dir, {recursive: true})
  await writeFile(join(dir, 'string_helpers.py'), 'def titlecase(text):\n    return text.title()\n\n\ndef reverse(text):\n    return text[::-1]\n')
  ok(await aigogo(['init'], {cwd: dir, home}))
  const manifest = JSON.parse(await readFile(join(dir, 'aigogo.json'), 'utf8')) as {name: string}
  manifest.name = 'string-utils'
  await writeFile(join(dir, 'aigogo.json'), JSON.stringify(manifest, null, 2) + '\n')
  ok(await aigogo(['add', 'file', 'string_helpers.py'], {cwd: dir, home}))
  ok(await aigogo(['build', 'string-utils:1.0.0'], {cwd: dir, home}))
}

async function pythonIn(dir: string, venv: string, code: string): Promise<string> {
  return String((await execa(join(venv, 'bin', 'python'), ['-c', code], {cwd: dir, env: cleanEnv({PYTHONPATH: undefined}), extendEnv: false})).stdout)
}

async function treeOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (entry.isDirectory() || entry.name.includes('__pycache__')) continue
    const full = join(entry.parentPath, entry.name)
    out[full.slice(dir.length)] = await readFile(full, 'utf8').catch(() => '<dir link>')
  }
  return out
}

describe('consumer workflows end to end', () => {
  let work: string
  let cleanup: () => Promise<void>
  let registry: TestRegistry | undefined

  beforeAll(async () => {
    ;({cleanup, path: work} = await tempDir())
  })
  afterAll(async () => {
    await registry?.stop()
    await cleanup()
  })

  it('local only: build string-utils:1.0.0 in one directory, add and install it in another, import it', async () => {
    const home = join(work, 'home-local')
    await authorStringUtils(home, join(work, 'string-utils'))
    const project = join(work, 'my-project')
    await mkdir(project)
    const venv = join(work, 'venv-local')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    ok(await aigogo(['add', 'string-utils:1.0.0'], {cwd: project, home}))
    ok(await aigogo(['install'], {cwd: project, env: {VIRTUAL_ENV: venv}, home}))
    expect(await pythonIn(work, venv, "from aigogo.string_utils import titlecase; print(titlecase('hello'))")).toBe('Hello')
  })

  it('team: a fresh clone with only aigogo.lock and a fresh AIGOGO_HOME installs identical files from the registry', async () => {
    registry = await startRegistry()
    const authorHome = join(work, 'home-author')
    await authorStringUtils(authorHome, join(work, 'author'))
    const ref = `${registry.host}/team/string-utils:1.0.0`
    ok(await aigogo(['push', ref, '--from', 'string-utils:1.0.0'], {env: registry.env, home: authorHome}))

    const original = join(work, 'team-project')
    await mkdir(original)
    ok(await aigogo(['add', ref], {cwd: original, env: registry.env, home: authorHome}))
    const lock = JSON.parse(await readFile(join(original, 'aigogo.lock'), 'utf8')) as {packages: {string_utils: {source: string; digest?: string}}}
    expect(lock.packages.string_utils.source).toBe(ref)
    expect(lock.packages.string_utils.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    ok(await aigogo(['install'], {cwd: original, env: {VIRTUAL_ENV: undefined, ...registry.env}, home: authorHome}))

    const clone = join(work, 'clone')
    await mkdir(clone)
    await copyFile(join(original, 'aigogo.lock'), join(clone, 'aigogo.lock'))
    const teammateHome = join(work, 'home-teammate')
    const venv = join(work, 'venv-team')
    await execa('python3', ['-m', 'venv', '--without-pip', venv])
    const installed = JSON.parse(ok(await aigogo(['install', '--json'], {cwd: clone, env: {VIRTUAL_ENV: venv, ...registry.env}, home: teammateHome})).stdout) as {fetched: number}
    expect(installed.fetched).toBe(1)
    expect(await pythonIn(work, venv, "from aigogo.string_utils import reverse; print(reverse('abc'))")).toBe('cba')
    expect(await treeOf(join(clone, '.aigogo', 'imports'))).toEqual(await treeOf(join(original, '.aigogo', 'imports')))
    ok(await aigogo(['uninstall'], {cwd: original, home: authorHome}))
  })
})
