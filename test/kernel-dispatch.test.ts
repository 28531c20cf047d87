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
