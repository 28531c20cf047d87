import {spawn} from 'node:child_process'
import {mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it, onTestFinished} from 'vitest'

import {aigogo, BIN, cleanEnv, REPO_ROOT, type RunResult, tempDir} from './helpers/cli.js'
import {buildPluginDir} from './helpers/github-standin.js'

// The manifest dispatcher (src/dispatch/) runs a command's oclif-free runner without loading
// oclif; AIGOGO_FULL_CLI=1 forces the full oclif CLI. Both must print the same thing.
const spy = {NODE_OPTIONS: `--require ${join(REPO_ROOT, 'test', 'fixtures', 'oclif-spy.cjs')}`}
let home: {path: string; cleanup: () => Promise<void>}
let work: {path: string; cleanup: () => Promise<void>}

interface Seen extends RunResult {
  oclif: boolean
}

async function run(args: string[], full = false): Promise<Seen> {
  const result = await aigogo(args, {cwd: work.path, env: {...spy, ...(full ? {AIGOGO_FULL_CLI: '1'} : {})}, home: home.path})
  const marker = /\[oclif-loaded: (true|false)\]\n?/
  const oclif = result.stderr.match(marker)?.[1] === 'true'
  return {...result, oclif, stderr: result.stderr.replace(marker, '')}
}

/** Runs both ways and returns the dispatcher's run after checking it matches the full CLI's. */
async function same(args: string[]): Promise<Seen> {
  const [fast, full] = await Promise.all([run(args), run(args, true)])
  expect(full.oclif).toBe(true)
  expect({exitCode: fast.exitCode, stderr: fast.stderr, stdout: fast.stdout}, args.join(' ')).toEqual({exitCode: full.exitCode, stderr: full.stderr, stdout: full.stdout})
  return fast
}

beforeAll(async () => {
  ;[home, work] = await Promise.all([tempDir(), tempDir()])
  await writeFile(join(work.path, 'greet.py'), 'def hello():\n    return "hi"\n')
  for (const args of [['init', '--name', 'greet', '--language', 'python'], ['add', 'file', 'greet.py'], ['build', 'greet:1.0.0'], ['build', 'greet:2.0.0']]) {
    const result = await aigogo(args, {cwd: work.path, home: home.path})
    expect(result.exitCode, result.stderr).toBe(0)
  }
})

afterAll(async () => {
  await Promise.all([home.cleanup(), work.cleanup()])
})

describe('manifest dispatcher', () => {
  it('runs version, plugins list and list without oclif, with the same text and --json as the full CLI', async () => {
    for (const args of [['version'], ['version', '--json'], ['plugins', 'list'], ['plugins', 'list', '--json'], ['list'], ['list', '--json']]) {
      const fast = await same(args)
      expect(fast.exitCode, fast.stderr).toBe(0)
      expect(fast.oclif, args.join(' ')).toBe(false)
    }
    // The aigg alias is the same binary: nothing to tell apart.
  })

  it('hands what it cannot parse exactly to oclif, and the errors are oclif\'s', async () => {
    for (const args of [['version', '--bogus'], ['list', 'extra'], ['version', '--', 'x'], ['list', '--no-json'], ['plugins', 'lst']]) {
      const fast = await same(args)
      expect(fast.exitCode, args.join(' ')).toBe(1)
      expect(fast.oclif).toBe(true)
    }
    for (const args of [['version', '-h'], ['list', '--help'], ['help', 'list'], ['plugins', 'list', '--json', '--json']]) expect((await same(args)).oclif).toBe(true)
  })

  it('renders a runner\'s coded errors as the full CLI does, text and --json, with their exit codes', async () => {
    for (const args of [['info', '127.0.0.1:9/x/y:1'], ['info', '127.0.0.1:9/x/y:1', '--json'], ['validate', '/nonexistent'], ['scan', '/nonexistent', '--json']]) {
      const fast = await same(args)
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect(fast.exitCode, args.join(' ')).toBe(2)
      expect(fast.stderr).toMatch(args.includes('--json') ? /^\{"error":\{"code":"(REGISTRY_UNREACHABLE|MANIFEST_NOT_FOUND)"/ : /\[exit 2: (REGISTRY_UNREACHABLE|MANIFEST_NOT_FOUND)\]/)
    }
  })

  it('steps aside when the state file is corrupt: the full CLI warns, and plugins list reports it', async () => {
    const state = join(home.path, 'state')
    await mkdir(state, {recursive: true})
    await writeFile(join(state, 'plugins.json'), '{"plugins": 7}')
    onTestFinished(() => rm(join(state, 'plugins.json'), {force: true}))
    // A corrupt state file: the full CLI warns and plugins list reports it; the dispatcher steps aside.
    for (const args of [['plugins', 'list'], ['plugins', 'list', '--json'], ['version']]) {
      const fast = await same(args)
      expect(fast.oclif).toBe(true)
    }
  })

  it('loads a linked plugin as the full CLI does, and leaves a plugin with an init hook to oclif', async () => {
    const dir = await buildPluginDir({name: 'hooked', version: '0.0.2', extraFiles: {'dist/hooks/init.js': 'export default async function () {\n  process.stderr.write("init hook ran\\n")\n}\n'}})
    onTestFinished(() => rm(join(dir, '..'), {force: true, recursive: true}))
    const linked = await aigogo(['plugins', 'link', dir], {cwd: work.path, home: home.path})
    expect(linked.exitCode, linked.stderr).toBe(0)
    onTestFinished(async () => {
      await aigogo(['plugins', 'remove', 'hooked'], {cwd: work.path, home: home.path})
    })
    const listed = await same(['plugins', 'list', '--json'])
    expect(listed.oclif).toBe(false)
    expect((JSON.parse(listed.stdout) as {plugins: {name: string; origin: string}[]}).plugins.find((p) => p.name === 'hooked')?.origin).toBe('linked')

    const pjsonFile = join(dir, 'package.json')
    const pjson = JSON.parse(await readFile(pjsonFile, 'utf8')) as {oclif: {hooks?: Record<string, string>}}
    pjson.oclif.hooks = {init: './dist/hooks/init.js'}
    await writeFile(pjsonFile, JSON.stringify(pjson, null, 2))
    const hooked = await same(['version'])
    expect(hooked.oclif).toBe(true)
    expect(hooked.stderr).toContain('init hook ran')
  })
})

describe('help without oclif', () => {
  it('prints the help oclif rendered before for the same command line, and renders again when the plugins change', async () => {
    await rm(join(home.path, 'state', '.help'), {force: true, recursive: true}) // earlier tests asked for help too
    for (const args of [['--help'], [], ['list', '--help'], ['plugins', 'list', '-h'], ['help', 'build'], ['plugins', '--help']]) {
      const first = await same(args) // rendered by oclif, and kept
      expect(first.oclif, args.join(' ')).toBe(true)
      const second = await same(args)
      expect(second.oclif, args.join(' ')).toBe(false)
      expect(second.stdout).toBe(first.stdout)
    }
    // A value typed before --help is never part of a kept file's key: such help is rendered each time.
    for (let i = 0; i < 2; i++) expect((await same(['login', '--password', 'hunter2', '--help'])).oclif).toBe(true)
    expect((await readdir(join(home.path, 'state', '.help'))).length).toBe(6)
    expect((await same(['help', 'nope'])).exitCode).toBe(1)
    expect((await same(['help', 'nope'])).oclif).toBe(true)

    const dir = await buildPluginDir({name: 'helpful', version: '0.0.3'})
    onTestFinished(() => rm(join(dir, '..'), {force: true, recursive: true}))
    expect((await aigogo(['plugins', 'link', dir], {cwd: work.path, home: home.path})).exitCode).toBe(0)
    onTestFinished(async () => {
      await aigogo(['plugins', 'remove', 'helpful'], {cwd: work.path, home: home.path})
    })
    const relinked = await same(['--help'])
    expect(relinked.oclif).toBe(true)
    expect(relinked.stdout).toContain('helpful')
  })
})

describe('plugin commands through the dispatcher', () => {
  it('runs add file, scan and validate like the full CLI, in twin projects', async () => {
    const twins = await Promise.all([tempDir(), tempDir()])
    onTestFinished(() => Promise.all(twins.map((t) => t.cleanup())).then(() => undefined))
    for (const twin of twins) {
      await writeFile(join(twin.path, 'aigogo.json'), await readFile(join(work.path, 'aigogo.json'), 'utf8'))
      await writeFile(join(twin.path, 'a.py'), 'import requests\n')
    }
    const inTwin = async (i: number, args: string[], full: boolean) => {
      const result = await aigogo(args, {cwd: twins[i]!.path, env: {...spy, ...(full ? {AIGOGO_FULL_CLI: '1'} : {})}, home: home.path})
      const own = (text: string) => text.replaceAll(twins[i]!.path, '<project>')
      return {...result, oclif: result.stderr.includes('[oclif-loaded: true]'), stderr: own(result.stderr.replace(/\[oclif-loaded: (true|false)\]\n?/, '')), stdout: own(result.stdout)}
    }
    for (const args of [['add', 'file', 'a.py'], ['add', 'file', 'a.py', '--json'], ['scan'], ['scan', '--json'], ['validate'], ['validate', '--json'], ['add', 'file', 'missing.py']]) {
      const [fast, full] = await Promise.all([inTwin(0, args, false), inTwin(1, args, true)])
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect({exitCode: fast.exitCode, stderr: fast.stderr, stdout: fast.stdout}, args.join(' ')).toEqual({exitCode: full.exitCode, stderr: full.stderr, stdout: full.stdout})
    }
    expect(await readFile(join(twins[0]!.path, 'aigogo.json'), 'utf8')).toBe(await readFile(join(twins[1]!.path, 'aigogo.json'), 'utf8'))
  })
})

describe('a reader that closed the pipe', () => {
  it('lets the command finish quietly with its exit code, with and without the dispatcher', async () => {
    for (const full of [false, true]) {
      for (const args of [['version'], ['--help'], ['plugins', 'list']]) {
        const child = spawn(process.execPath, [BIN, ...args], {cwd: work.path, env: cleanEnv({AIGOGO_HOME: home.path, ...(full ? {AIGOGO_FULL_CLI: '1'} : {})}), stdio: ['ignore', 'pipe', 'pipe']})
        child.stdout.destroy() // like `aigogo version | head -0`: every write gets EPIPE
        let stderr = ''
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
        expect({code, stderr}, `${args.join(' ')}${full ? ' (full oclif)' : ''}`).toEqual({code: 0, stderr: ''})
      }
    }
  })
})

describe('list and build metadata', () => {
  it('records file count and size at build time, and lists a build made before that from its files', async () => {
    const dir = join(home.path, 'cache', 'greet_1.0.0')
    const file = join(dir, '.aigogo-metadata.json')
    const meta = JSON.parse(await readFile(file, 'utf8')) as {files?: number; bytes?: number}
    expect(meta.files).toBe((await readdir(dir)).length - 1)
    expect(meta.bytes).toBeGreaterThan(0)
    const before = JSON.parse((await run(['list', '--json'])).stdout) as {builds: {ref: string; files: number; bytes: number}[]}
    const {files, bytes, ...older} = meta
    await writeFile(file, JSON.stringify(older, null, 2))
    const after = JSON.parse((await same(['list', '--json'])).stdout) as typeof before
    expect(after).toEqual(before)
    expect(after.builds.find((b) => b.ref === 'greet:1.0.0')).toMatchObject({bytes, files})
  })
})
