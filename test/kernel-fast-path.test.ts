import {execa} from 'execa'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, REPO_ROOT, tempDir} from './helpers/cli.js'

// A plugin-declared fast path (the imports plugin's no-op `install`) answers before oclif loads.
let home: {path: string; cleanup: () => Promise<void>}
let author: {path: string; cleanup: () => Promise<void>}
let project: {path: string; cleanup: () => Promise<void>}
const spy = {NODE_OPTIONS: `--require ${join(REPO_ROOT, 'test', 'fixtures', 'oclif-spy.cjs')}`}

async function inProject(args: string[]) {
  return aigogo(args, {cwd: project.path, env: spy, home: home.path})
}

beforeAll(async () => {
  ;[home, author, project] = await Promise.all([tempDir(), tempDir(), tempDir()])
  await writeFile(join(author.path, 'greet.py'), 'def hello():\n    return "hi"\n')
  for (const args of [['init', '--name', 'greet', '--language', 'python'], ['add', 'file', 'greet.py'], ['build', 'greet:1.0.0']]) {
    const result = await aigogo(args, {cwd: author.path, home: home.path})
    expect(result.exitCode, result.stderr).toBe(0)
  }
  await execa('python3', ['-m', 'venv', join(project.path, '.venv')])
  const added = await aigogo(['add', 'greet:1.0.0'], {cwd: project.path, home: home.path})
  expect(added.exitCode, added.stderr).toBe(0)
  const first = await inProject(['install'])
  expect(first.exitCode, first.stderr).toBe(0)
  expect(first.stderr).toContain('[oclif-loaded: true]')
})

afterAll(async () => {
  await aigogo(['uninstall'], {cwd: project.path, home: home.path})
  await Promise.all([home.cleanup(), author.cleanup(), project.cleanup()])
})

describe('plugin fast paths', () => {
  it('answers an unchanged install without loading oclif', async () => {
    const result = await inProject(['install'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain('Up to date: 1 package(s)')
    expect(result.stderr).toContain('[oclif-loaded: false]')
  })

  it('prints the same JSON as the full command', async () => {
    const fast = await inProject(['install', '--json'])
    expect(fast.stderr).toContain('[oclif-loaded: false]')
    expect(JSON.parse(fast.stdout)).toMatchObject({packages: [{name: 'greet', version: '1.0.0'}], upToDate: true})
  })

  it('hands every other form of the command to the full CLI', async () => {
    const forced = await inProject(['install', '--force'])
    expect(forced.exitCode, forced.stderr).toBe(0)
    expect(forced.stderr).toContain('[oclif-loaded: true]')
    const bad = await inProject(['install', '--bogus'])
    expect(bad.exitCode).toBe(1)
    expect(bad.stderr).toContain('[exit 1: USAGE]')
  })

  it('hands an install with work to do to the full CLI', async () => {
    const lockFile = join(project.path, 'aigogo.lock')
    await writeFile(lockFile, JSON.stringify(JSON.parse(await readFile(lockFile, 'utf8')), null, 4) + '\n')
    const changed = await inProject(['install'])
    expect(changed.exitCode, changed.stderr).toBe(0)
    expect(changed.stderr).toContain('[oclif-loaded: true]')
    const verify = await execa(join(project.path, '.venv', 'bin', 'python'), ['-c', 'from aigogo.greet import hello; print(hello())'], {cwd: project.path})
    expect(verify.stdout).toBe('hi')
  })
})
