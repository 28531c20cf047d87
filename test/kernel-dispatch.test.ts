import {spawn} from 'node:child_process'
import {cp, mkdir, readFile, readdir, rm, symlink, writeFile} from 'node:fs/promises'
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

/** A plugin whose hello command has a runner that reports how it was loaded. */
async function runnerPlugin(name: string, packageName: string, version: string): Promise<string> {
  const dir = await buildPluginDir({
    extraFiles: {
      [`dist/commands/${name}/hello.js`]: [
        "import {Args} from '@oclif/core'",
        "import {AigogoCommand} from '@aigogo/sdk'",
        "import runHello from '../../runners/hello.js'",
        'export default class Hello extends AigogoCommand {',
        "  static summary = 'Say hello through a runner.'",
        "  static args = {who: Args.string({description: 'who to greet', default: 'world'})}",
        "  static runner = './dist/runners/hello.js'",
        '  async run() { return this.runWith(runHello) }',
        '}',
      ].join('\n'),
      'dist/runners/hello.js': [
        "import {printData} from '@aigogo/sdk/core'",
        "import {readFileSync} from 'node:fs'",
        'export default async function runHello(input, context) {',
        "  const pjson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))",
        '  const me = context.plugins.find((p) => p.name === pjson.name)',
        '  const data = {greeting: `hello ${input.args.who}`, plugin: pjson.name, version: pjson.version, origin: me?.origin ?? null, source: me?.source ?? null, order: context.plugins.map((p) => p.name)}',
        '  if (!input.json) printData(`${data.greeting} from ${data.plugin} ${data.version} (${data.origin}${data.source ? `, ${data.source}` : ""})`)',
        '  return data',
        '}',
      ].join('\n'),
    },
    name,
    packageName,
    version,
  })
  const manifestFile = join(dir, 'oclif.manifest.json')
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {commands: Record<string, Record<string, unknown>>}
  manifest.commands[`${name}:hello`]!.runner = './dist/runners/hello.js'
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2))
  return dir
}

/** Links node_modules/@aigogo/sdk and @oclif/core in `dir` to the kernel's, as the plugin host does. */
async function peerLinks(dir: string): Promise<void> {
  for (const name of ['@aigogo/sdk', '@oclif/core']) {
    await mkdir(join(dir, 'node_modules', name, '..'), {recursive: true})
    await symlink(join(REPO_ROOT, 'node_modules', name), join(dir, 'node_modules', name))
  }
}

describe('plugins of every origin through the dispatcher', () => {
  it('loads linked, release-installed and npm-installed plugins in the full CLI\'s order, runs their runners alike, and keeps help per plugin set', async () => {
    const linked = await runnerPlugin('lnk', 'aigogo-plugin-lnk', '0.1.0')
    const release = await runnerPlugin('rel', 'aigogo-plugin-rel', '0.2.0')
    const npm = await runnerPlugin('npmx', '@acme/aigogo-plugin-npmx', '0.3.0')
    onTestFinished(() => Promise.all([linked, release, npm].map((d) => rm(join(d, '..'), {force: true, recursive: true}))).then(() => undefined))
    const installedRoot = join(home.path, 'plugins', 'rel')
    const npmProject = join(home.path, 'npm-plugins')
    const npmRoot = join(npmProject, 'node_modules', '@acme', 'aigogo-plugin-npmx')
    await peerLinks(linked) // as `plugins link` does
    await cp(release, installedRoot, {recursive: true})
    await peerLinks(installedRoot)
    await cp(npm, npmRoot, {recursive: true})
    await peerLinks(npmProject)
    const stateFile = join(home.path, 'state', 'plugins.json')
    await mkdir(join(home.path, 'state'), {recursive: true})
    const records = [
      {kind: 'installed', name: 'npmx', npm: {spec: 'latest'}, origin: 'npm', package: '@acme/aigogo-plugin-npmx', version: '0.3.0'},
      {kind: 'linked', name: 'lnk', package: 'aigogo-plugin-lnk', root: linked, version: '0.1.0'},
      {kind: 'installed', name: 'rel', package: 'aigogo-plugin-rel', version: '0.2.0'},
    ]
    await writeFile(stateFile, JSON.stringify({plugins: records}, null, 2))
    onTestFinished(() => Promise.all([stateFile, installedRoot, npmProject].map((p) => rm(p, {force: true, recursive: true}))).then(() => undefined))

    // The kernel, its bundled plugins in package.json order, then the user's in state order.
    const bundled = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {oclif: {plugins: string[]}}).oclif.plugins
    const order = ['aigogo', ...bundled, '@acme/aigogo-plugin-npmx', 'aigogo-plugin-lnk', 'aigogo-plugin-rel']
    for (const [name, origin, source] of [['npmx', 'installed', 'npm'], ['lnk', 'linked', null], ['rel', 'installed', null]] as const) {
      const text = await same([name, 'hello', 'you'])
      expect(text.oclif, name).toBe(false)
      expect(text.exitCode, text.stderr).toBe(0)
      const json = await same([name, 'hello', '--json'])
      expect(json.oclif, name).toBe(false)
      expect(JSON.parse(json.stdout)).toMatchObject({greeting: 'hello world', order, origin, source})
    }
    const listed = await same(['plugins', 'list', '--json'])
    expect(listed.oclif).toBe(false)
    expect((JSON.parse(listed.stdout) as {plugins: {name: string; source?: string}[]}).plugins.find((p) => p.name === 'npmx')?.source).toBe('npm')
    expect((await same(['plugins', 'list'])).stdout).toMatch(/npmx\s+0\.3\.0\s+installed \(npm\)/)

    // Kept help belongs to this plugin set: an npm plugin updated in place renders it again.
    await rm(join(home.path, 'state', '.help'), {force: true, recursive: true})
    expect((await same(['--help'])).oclif).toBe(true)
    expect((await same(['--help'])).oclif).toBe(false)
    for (const file of ['package.json', 'oclif.manifest.json']) {
      const path = join(npmRoot, file)
      await writeFile(path, (await readFile(path, 'utf8')).replace('"version": "0.3.0"', '"version": "0.3.1"').replace('"version":"0.3.0"', '"version":"0.3.1"'))
    }
    const updated = await same(['npmx', 'hello', '--json'])
    expect(updated.oclif).toBe(false)
    expect(JSON.parse(updated.stdout)).toMatchObject({version: '0.3.1'})
    expect((await same(['--help'])).oclif).toBe(true)
    // Without the npm plugin the set changes again.
    await writeFile(stateFile, JSON.stringify({plugins: records.slice(1)}, null, 2))
    const without = await same(['--help'])
    expect(without.oclif).toBe(true)
    expect(without.stdout).not.toContain('npmx')
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

/**
 * Runs one command line through the dispatcher, then through the full CLI, one after the other (a
 * build or an install changes state the other run would meet), `reset` before each; returns the
 * dispatcher's run after checking that both printed the same and exited alike.
 */
async function inTurn(args: string[], cwd: string, reset: () => Promise<unknown>): Promise<Seen> {
  const seen: Seen[] = []
  for (const full of [false, true]) {
    await reset()
    const result = await aigogo(args, {cwd, env: {...spy, ...(full ? {AIGOGO_FULL_CLI: '1'} : {})}, home: home.path})
    const marker = /\[oclif-loaded: (true|false)\]\n?/
    seen.push({...result, oclif: result.stderr.match(marker)?.[1] === 'true', stderr: result.stderr.replace(marker, '')})
  }
  const [fast, full] = seen as [Seen, Seen]
  expect(full.oclif).toBe(true)
  expect({exitCode: fast.exitCode, stderr: fast.stderr, stdout: fast.stdout}, args.join(' ')).toEqual({exitCode: full.exitCode, stderr: full.stderr, stdout: full.stdout})
  return fast
}

describe('build and install through the dispatcher', () => {
  it('builds like the full CLI: a ref, the next version, --json, --no-validate and its coded errors', async () => {
    const manifestFile = join(work.path, 'aigogo.json')
    const manifest = await readFile(manifestFile, 'utf8')
    const cache = join(home.path, 'cache')
    const builds = new Set(await readdir(cache))
    // Each run starts from the same aigogo.json and without the build it makes.
    const fresh = async () => {
      await writeFile(manifestFile, manifest)
      await Promise.all((await readdir(cache)).filter((d) => !builds.has(d)).map((d) => rm(join(cache, d), {force: true, recursive: true})))
    }
    onTestFinished(fresh)
    for (const args of [['build', 'greet:3.0.0'], ['build', 'greet:3.0.0', '--json'], ['build', '--no-validate'], ['build', '--json', '--force']]) {
      const fast = await inTurn(args, work.path, fresh)
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect(fast.exitCode, fast.stderr).toBe(0)
    }
    expect(JSON.parse((await inTurn(['build', 'greet:3.0.0', '--json'], work.path, fresh)).stdout)).toMatchObject({ref: 'greet:3.0.0', files: ['aigogo.json', 'greet.py']})
    // Coded errors: a build that exists, a bad ref, no aigogo.json.
    const keep = async () => writeFile(manifestFile, manifest)
    for (const [args, cwd, code] of [
      [['build', 'greet:1.0.0'], work.path, 'BUILD_EXISTS'],
      [['build', 'greet:1.0.0', '--json'], work.path, 'BUILD_EXISTS'],
      [['build', 'Bad Name:1'], work.path, 'REF_INVALID'],
      [['build', '--json'], home.path, 'MANIFEST_NOT_FOUND'],
    ] as const) {
      const fast = await inTurn([...args], cwd, keep)
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect(fast.exitCode, args.join(' ')).not.toBe(0)
      expect(fast.stderr).toContain(code)
    }
    // What the manifest cannot parse exactly is oclif's, with oclif's usage errors.
    for (const args of [['build', '--force=yes'], ['build', 'a:1', 'b:1'], ['build', '--bogus'], ['build', '-f']]) {
      const full = await inTurn(args, work.path, keep)
      expect(full.oclif, args.join(' ')).toBe(true)
      expect(full.exitCode, args.join(' ')).toBe(1)
    }
  })

  it('installs like the full CLI: a cold install, --json, --force, --python as typed, and its coded errors', async () => {
    const projects = await Promise.all([tempDir(), tempDir()])
    onTestFinished(() => Promise.all(projects.map((p) => p.cleanup())).then(() => undefined))
    const [js, py] = projects.map((p) => p.path) as [string, string]
    // A JavaScript package (no Python involved) and the Python greet, each locked in a project of its own.
    await writeFile(join(js, 'tool.js'), 'exports.v = 1\n')
    for (const args of [['init', '--name', 'tool', '--language', 'javascript'], ['add', 'file', 'tool.js'], ['build', 'tool:1.0.0'], ['add', 'tool:1.0.0']]) {
      const result = await aigogo(args, {cwd: js, home: home.path})
      expect(result.exitCode, result.stderr).toBe(0)
    }
    onTestFinished(() => rm(join(home.path, 'cache', 'tool_1.0.0'), {force: true, recursive: true}))
    expect((await aigogo(['add', 'greet:1.0.0'], {cwd: py, home: home.path})).exitCode).toBe(0)
    const cold = () => rm(join(js, '.aigogo'), {force: true, recursive: true})
    for (const args of [['install'], ['install', '--json'], ['install', '--force'], ['install', '--python', '/nonexistent/python'], ['install', '--python=/nonexistent/python', '--json']]) {
      const fast = await inTurn(args, js, cold)
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect(fast.exitCode, fast.stderr).toBe(0)
    }
    expect(JSON.parse((await inTurn(['install', '--json'], js, cold)).stdout)).toMatchObject({packages: [{name: 'tool'}], upToDate: false})
    // --force on an installed project: not the no-op fast path, the dispatcher.
    const forced = await inTurn(['install', '--force', '--json'], js, async () => {})
    expect(forced.oclif).toBe(false)
    expect(JSON.parse(forced.stdout)).toMatchObject({upToDate: false})
    // Coded errors: an interpreter that does not run (the value as typed, on both paths), no lock.
    const none = async () => {}
    for (const [args, cwd, code] of [
      [['install', '--python', '/nonexistent/python'], py, 'PYTHON_NOT_FOUND'],
      [['install', '--python=/nonexistent/python', '--json'], py, 'PYTHON_NOT_FOUND'],
      [['install', '--json'], home.path, 'LOCK_NOT_FOUND'],
    ] as const) {
      const fast = await inTurn([...args], cwd, none)
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect(fast.exitCode, args.join(' ')).toBe(2)
      expect(fast.stderr).toContain(code)
    }
    await expect(readdir(join(py, '.aigogo'))).rejects.toThrow()
    // Values oclif reads in its own way (none, empty, a flag), a flag twice, a value for a boolean,
    // an argument: oclif's, its usage errors or, for what it accepts, LOCK_NOT_FOUND (no lock here).
    for (const args of [['install', '--python'], ['install', '--python='], ['install', '--python', '--force'], ['install', '--python', '-x'], ['install', '--python', 'a', '--python', 'b'], ['install', '--force=yes'], ['install', 'extra']]) {
      const full = await inTurn(args, home.path, none)
      expect(full.oclif, args.join(' ')).toBe(true)
      expect(full.exitCode, args.join(' ')).not.toBe(0)
    }
  })

  it('takes option flags as typed only from commands whose classes give them no parser of their own', async () => {
    const {Flags} = await import('@oclif/core')
    const plain = Flags.string().parse.toString()
    const bundled = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {oclif: {plugins: string[]}}).oclif.plugins
    let checked = 0
    for (const root of [REPO_ROOT, ...bundled.map((name) => join(REPO_ROOT, 'node_modules', name))]) {
      const manifest = JSON.parse(await readFile(join(root, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {runner?: string; relativePath: string[]}>}
      for (const [id, command] of Object.entries(manifest.commands)) {
        if (!command.runner) continue
        const cls = ((await import(join(root, ...command.relativePath))) as {default: {flags?: Record<string, {type: string; parse?: unknown}>}}).default
        for (const [name, flag] of Object.entries(cls.flags ?? {})) {
          if (flag.type !== 'option') continue
          checked++
          expect(String(flag.parse), `${id} --${name}: a command with a runner takes its option flags as typed; validate them in the runner`).toBe(plain)
        }
      }
    }
    expect(checked).toBeGreaterThan(0) // install --python at least
  })
})
