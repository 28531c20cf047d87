import {execa} from 'execa'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError, REPO_ROOT, type RunResult, tempDir} from './helpers/cli.js'
import type {PullReport} from '../plugins/registry/src/pull.js'
import type {PushResult} from '../plugins/registry/src/push.js'
import {startRegistry, type TestRegistry} from './helpers/registry.js'

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
  // Work to do: not the fast path's; the manifest dispatcher runs the command's runner, still without oclif.
  expect(first.stdout).toContain('Installed from')
  expect(first.stderr).toContain('[oclif-loaded: false]')
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

  it('hands every other form of the command on: the dispatcher runs what the manifest parses, oclif the rest', async () => {
    const forced = await inProject(['install', '--force'])
    expect(forced.exitCode, forced.stderr).toBe(0)
    expect(forced.stdout).toContain('Installed from')
    expect(forced.stderr).toContain('[oclif-loaded: false]')
    const bad = await inProject(['install', '--bogus'])
    expect(bad.exitCode).toBe(1)
    expect(bad.stderr).toContain('[exit 1: USAGE]')
    expect(bad.stderr).toContain('[oclif-loaded: true]')
  })

  it('hands an install with work to do on to the command (through the dispatcher)', async () => {
    const lockFile = join(project.path, 'aigogo.lock')
    await writeFile(lockFile, JSON.stringify(JSON.parse(await readFile(lockFile, 'utf8')), null, 4) + '\n')
    const changed = await inProject(['install'])
    expect(changed.exitCode, changed.stderr).toBe(0)
    expect(changed.stdout).toContain('Installed from')
    expect(changed.stderr).toContain('[oclif-loaded: false]')
    const verify = await execa(join(project.path, '.venv', 'bin', 'python'), ['-c', 'from aigogo.greet import hello; print(hello())'], {cwd: project.path})
    expect(verify.stdout).toBe('hi')
  })
})

// The registry plugin's push and pull fast paths (plugins/registry/src/fast-paths/) against a real
// registry.
const SPY_LINE = /^\[oclif-loaded: (true|false)\]$/m

describe('registry fast paths', () => {
  let registry: TestRegistry
  let work: {path: string; cleanup: () => Promise<void>}
  /** Home of the author, where the build tool:2.0.0 lives. */
  let authorHome: string
  let integrity: string
  let pulls = 0

  const run = (args: string[], home = authorHome) => aigogo(args, {cwd: work.path, env: spy, home})
  const oclifLoaded = (result: RunResult): boolean => {
    const found = SPY_LINE.exec(result.stderr)
    expect(found, `no spy line in stderr:\n${result.stderr}`).not.toBeNull()
    return found![1] === 'true'
  }
  /** stderr without the spy's line. */
  const talk = (result: RunResult): string => result.stderr.replace(SPY_LINE, '').replace(/\n+$/, '')
  const data = <T>(result: RunResult): T => {
    expect(result.exitCode, result.stderr).toBe(0)
    return JSON.parse(result.stdout) as T
  }
  const freshHome = () => join(work.path, `home-pull-${++pulls}`)

  beforeAll(async () => {
    ;[registry, work] = await Promise.all([startRegistry(), tempDir()])
    authorHome = join(work.path, 'home')
    const dir = join(work.path, 'tool')
    await mkdir(dir)
    await writeFile(join(dir, 'tool.py'), 'def tool():\n    return 42\n')
    for (const args of [['init', '--name', 'tool', '--language', 'python'], ['add', 'file', 'tool.py']]) {
      const result = await aigogo(args, {cwd: dir, home: authorHome})
      expect(result.exitCode, result.stderr).toBe(0)
    }
    const built = await aigogo(['build', 'tool:2.0.0', '--json'], {cwd: dir, home: authorHome})
    expect(built.exitCode, built.stderr).toBe(0)
    integrity = String((JSON.parse(built.stdout) as {integrity: string}).integrity)
    expect(integrity).toMatch(/^sha256:[a-f0-9]{64}$/)
  })

  afterAll(async () => {
    await registry?.stop()
    await work?.cleanup()
  })

  it('answers push --from <build> --json without loading oclif, with the full command\'s JSON', async () => {
    const fastRef = `${registry.host}/team/tool-fast:2.0.0`
    const fullRef = `${registry.host}/team/tool-full:2.0.0`
    const fast = await run(['push', fastRef, '--from', 'tool:2.0.0', '--json'])
    expect(oclifLoaded(fast)).toBe(false)
    const pushed = data<PushResult>(fast)
    expect(Object.keys(pushed).sort()).toEqual(['blobs', 'digest', 'format', 'mediaType', 'ref', 'size'])
    expect(pushed).toMatchObject({format: 'oci', mediaType: 'application/vnd.oci.image.manifest.v1+json', ref: fastRef})
    expect(pushed.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(pushed.blobs.map((b) => b.action)).toEqual(['uploaded', 'uploaded'])
    expect(pushed.size).toBeGreaterThan(pushed.blobs.reduce((sum, b) => sum + b.size, 0))
    // The registry holds what the fast path said it pushed.
    const head = await fetch(`http://${registry.host}/v2/team/tool-fast/manifests/2.0.0`, {headers: {accept: pushed.mediaType}, method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(head.headers.get('docker-content-digest')).toBe(pushed.digest)

    // The full command (`--` is a form the fast path never takes) pushes the same manifest.
    const full = await run(['push', '--from', 'tool:2.0.0', '--json', '--', fullRef])
    expect(oclifLoaded(full)).toBe(true)
    const fullPushed = data<PushResult>(full)
    expect(Object.keys(fullPushed).sort()).toEqual(Object.keys(pushed).sort())
    expect({...fullPushed, blobs: fullPushed.blobs.map(({action: _, ...b}) => b), ref: fastRef}).toEqual({...pushed, blobs: pushed.blobs.map(({action: _, ...b}) => b)})
    expect(fullPushed.blobs.map((b) => b.action)).toEqual(['mounted', 'mounted'])

    // An unchanged re-push, both ways: identical output.
    const fastAgain = await run(['push', fullRef, '--from', 'tool:2.0.0', '--json'])
    const fullAgain = await run(['push', '--from', 'tool:2.0.0', '--json', '--', fullRef])
    expect([oclifLoaded(fastAgain), oclifLoaded(fullAgain)]).toEqual([false, true])
    expect(data<PushResult>(fastAgain)).toEqual(data<PushResult>(fullAgain))
    expect(data<PushResult>(fastAgain).blobs.map((b) => b.action)).toEqual(['exists', 'exists'])
  })

  it('answers pull <ref> --json without loading oclif, with the full command\'s JSON', async () => {
    const ref = `${registry.host}/team/tool-pull:2.0.0`
    expect(data<PushResult>(await run(['push', ref, '--from', 'tool:2.0.0', '--json'])).ref).toBe(ref)
    const fastHome = freshHome()
    const fast = await run(['pull', ref, '--json'], fastHome)
    expect(oclifLoaded(fast)).toBe(false)
    const pulled = data<PullReport>(fast)
    expect(Object.keys(pulled).sort()).toEqual(['digest', 'format', 'integrity', 'name', 'path', 'ref', 'version'])
    expect(pulled).toMatchObject({format: 'oci', integrity, name: 'tool', ref, version: '2.0.0'})
    expect(pulled.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(relative(fastHome, pulled.path)).not.toMatch(/^\.\./)
    expect(await readFile(join(pulled.path, 'files', 'tool.py'), 'utf8')).toContain('return 42')

    const fullHome = freshHome()
    const full = await run(['pull', '--json', '--', ref], fullHome)
    expect(oclifLoaded(full)).toBe(true)
    const fullPulled = data<PullReport>(full)
    expect({...fullPulled, path: relative(fullHome, fullPulled.path)}).toEqual({...pulled, path: relative(fastHome, pulled.path)})
  })

  it('renders a coded error from a fast path as the full CLI does, still without oclif', async () => {
    const ref = `${registry.host}/team/x:1`
    const fast = await run(['push', ref, '--from', 'no-such:1', '--json'])
    expect(oclifLoaded(fast)).toBe(false)
    expect(fast.exitCode).toBe(2)
    expect(fast.stdout).toBe('')
    const lines = talk(fast).split('\n')
    expect(lines).toHaveLength(1)
    const error = (JSON.parse(lines[0]!) as {error: {code: string; exit: number; message: string}}).error
    expect(error).toMatchObject({code: 'BUILD_NOT_FOUND', exit: 2})
    expect(error.message).toContain('no-such:1')

    const full = await run(['push', '--from', 'no-such:1', '--json', '--', ref])
    expect(oclifLoaded(full)).toBe(true)
    expect(full.exitCode).toBe(2)
    expect(talk(full)).toBe(talk(fast))

    // The text form too, and for pull: a tag the registry does not have.
    const fastText = await run(['push', ref, '--from', 'no-such:1'])
    const fullText = await run(['push', '--from', 'no-such:1', '--', ref])
    expect([oclifLoaded(fastText), oclifLoaded(fullText)]).toEqual([false, true])
    expect(fastText.exitCode).toBe(2)
    expect(talk(fastText)).toContain('[exit 2: BUILD_NOT_FOUND]')
    expect(talk(fastText)).toBe(talk(fullText))
    const fastPull = await run(['pull', `${registry.host}/team/missing:1`, '--json'], freshHome())
    const fullPull = await run(['pull', '--json', '--', `${registry.host}/team/missing:1`], freshHome())
    expect([oclifLoaded(fastPull), oclifLoaded(fullPull)]).toEqual([false, true])
    expect(fastPull.exitCode).toBe(fullPull.exitCode)
    expect(fastPull.exitCode).not.toBe(0)
    expect(talk(fastPull)).toBe(talk(fullPull))
    expect(JSON.parse(talk(fastPull)).error.code).toBe('REGISTRY_NOT_FOUND')
  })

  it('leaves a home with a corrupt plugin state file to the full CLI, which warns about it', async () => {
    const home = freshHome()
    await mkdir(join(home, 'state'), {recursive: true})
    await writeFile(join(home, 'state', 'plugins.json'), '{not json')
    const result = await run(['push', `${registry.host}/team/tool:2.0.0`, '--from', 'no-such:1', '--json'], home)
    expect(result.exitCode).toBe(2)
    expect(oclifLoaded(result)).toBe(true)
    expect(result.stderr).toContain('running with bundled plugins only')
    expect(jsonError({...result, stderr: talk(result).split('\n').at(-1)!}).code).toBe('BUILD_NOT_FOUND')
  })

  it('hands the forms the fast paths do not take to the full CLI', async () => {
    const help = await run(['push', '--help'])
    expect(oclifLoaded(help)).toBe(true)
    expect(help.exitCode, help.stderr).toBe(0)
    expect(help.stdout).toContain('--from')

    const ref = `${registry.host}/team/bogus:1`
    const bogus = await run(['push', ref, '--from', 'tool:2.0.0', '--bogus'])
    expect(oclifLoaded(bogus)).toBe(true)
    expect(bogus.exitCode).toBe(1)
    expect(talk(bogus)).toContain('--bogus')
    expect(talk(bogus)).toContain('[exit 1: USAGE]')
    const bogusJson = await run(['push', ref, '--from', 'tool:2.0.0', '--bogus', '--json'])
    expect(oclifLoaded(bogusJson)).toBe(true)
    expect(bogusJson.exitCode).toBe(1)
    expect(JSON.parse(talk(bogusJson)).error).toMatchObject({code: 'USAGE', exit: 1})
    // Nothing was pushed by either.
    const head = await fetch(`http://${registry.host}/v2/team/bogus/manifests/1`, {method: 'HEAD'})
    expect(head.status).toBe(404)

    const noFrom = await run(['push', ref, '--json'])
    expect(oclifLoaded(noFrom)).toBe(true)
    expect(noFrom.exitCode).toBe(1)
    expect(JSON.parse(talk(noFrom)).error.code).toBe('USAGE')

    const pullBogus = await run(['pull', `${registry.host}/team/tool-fast:2.0.0`, '--bogus', '--json'], freshHome())
    expect(oclifLoaded(pullBogus)).toBe(true)
    expect(pullBogus.exitCode).toBe(1)
    expect(JSON.parse(talk(pullBogus)).error.code).toBe('USAGE')
  })
})
