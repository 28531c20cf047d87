/**
 * The release gate: what `npm run release` produces, published to a real npm registry
 * (Verdaccio on 127.0.0.1), installed with `npm i -g --prefix <tmp> aigogo`, and then used only
 * through the installed binaries: the README's local-only quick start, a push/pull against a real
 * docker-registry, a plugin written outside this repository against the published @aigogo/sdk,
 * and `plugins update store` to the release's GitHub asset. Nothing here runs the checkout's CLI.
 */
import {execa} from 'execa'
import {mkdir, readdir, readFile, realpath, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import * as tar from 'tar'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {REPO_ROOT, type RunResult, tempDir} from './helpers/cli.js'
import {checksumsFor, GithubStandin} from './helpers/github-standin.js'
import {installedEnv, ok, runInstalled} from './helpers/installed-cli.js'
import {startRegistry, type TestRegistry} from './helpers/registry.js'
import {npmEnv, startVerdaccio, type TestNpmRegistry} from './helpers/verdaccio.js'

const VERSION = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {version: string}).version
const PLUGINS = ['store', 'registry', 'imports', 'depgen', 'mcp', 'signing'] as const

let npmRegistry: TestNpmRegistry
let work: {path: string; cleanup: () => Promise<void>}
let prefix: string
let releaseDir: string
let released: {npm: {name: string; file: string}[]; assets: {name: string; tag: string; asset: string; checksums: string}[]}

const release = (args: string[]): Promise<{exitCode: number; stdout: string; stderr: string}> =>
  execa(process.execPath, [join(REPO_ROOT, 'scripts', 'release.mjs'), ...args], {cwd: REPO_ROOT, env: npmEnv(npmRegistry.env), extendEnv: false, reject: false})
    .then((r) => ({exitCode: r.exitCode ?? -1, stderr: String(r.stderr), stdout: String(r.stdout)}))

const cli = (args: string[], options: {cwd?: string; home?: string; env?: Record<string, string | undefined>} = {}): Promise<RunResult> =>
  runInstalled(prefix, 'aigogo', args, {...options, env: {HOME: join(work.path, 'user-home'), ...options.env}})

beforeAll(async () => {
  work = await tempDir('aigogo-release-gate-')
  await mkdir(join(work.path, 'user-home'))
  prefix = join(work.path, 'prefix')
  releaseDir = join(work.path, 'release')
  npmRegistry = await startVerdaccio()
  // The checkout is built (global setup) and may carry uncommitted work while developing: --no-build --allow-dirty.
  const made = await release([VERSION, '--no-build', '--allow-dirty', '--out', releaseDir])
  if (made.exitCode !== 0) throw new Error(`release failed:\n${made.stderr}`)
  released = JSON.parse(made.stdout) as typeof released
  const published = await release([VERSION, '--allow-dirty', '--out', releaseDir, '--publish', '--registry', npmRegistry.url, '--userconfig', npmRegistry.userconfig])
  if (published.exitCode !== 0) throw new Error(`publish failed:\n${published.stderr}\n${npmRegistry.log()}`)
  // --prefer-online: a stale cached packument of an earlier run's registry on the same port must not win; tarballs still come from the cache.
  const installed = await npmRegistry.npm(['install', '--global', '--prefix', prefix, 'aigogo', '--registry', npmRegistry.url, '--prefer-online'])
  if (installed.exitCode !== 0) throw new Error(`npm i -g aigogo failed:\n${installed.stderr}\n${npmRegistry.log()}`)
}, 300_000)

afterAll(async () => {
  await npmRegistry?.stop()
  await work?.cleanup()
})

async function packagesUnder(dir: string): Promise<string[]> {
  const found: string[] = []
  const walk = async (modules: string): Promise<void> => {
    for (const entry of await readdir(modules).catch(() => [])) {
      if (entry.startsWith('.')) continue
      const names = entry.startsWith('@') ? (await readdir(join(modules, entry))).map((n) => `${entry}/${n}`) : [entry]
      for (const name of names) {
        const pkg = join(modules, name)
        found.push(pkg)
        await walk(join(pkg, 'node_modules'))
      }
    }
  }
  await walk(join(dir, 'node_modules'))
  return found
}

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path)
  if (!info.isDirectory()) return info.size
  let total = 0
  for (const entry of await readdir(path)) total += await sizeOf(join(path, entry))
  return total
}

describe('npm i -g aigogo from a registry (the release gate)', {timeout: 180_000}, () => {
  it('installs aigogo and aigg from the registry, with the six first-party plugins and one @oclif/core', async () => {
    for (const bin of ['aigogo', 'aigg'] as const) {
      const {stdout: where} = await execa('sh', ['-c', `command -v ${bin}`], {env: {PATH: `${prefix}/bin:${process.env.PATH}`}})
      expect(where).toBe(join(prefix, 'bin', bin))
      expect(await realpath(where)).toBe(join(await realpath(prefix), 'lib', 'node_modules', 'aigogo', 'bin', 'run.js'))
    }
    const home = join(work.path, 'home-version')
    const report = JSON.parse(ok(await cli(['version', '--json'], {home})).stdout) as {aigogo: string; plugins: {name: string; origin: string; root: string; version: string}[]}
    expect(report.aigogo).toBe(VERSION)
    const kernelModules = join(await realpath(prefix), 'lib', 'node_modules', 'aigogo', 'node_modules')
    expect(report.plugins.map((p) => p.name).sort()).toEqual([...PLUGINS].sort())
    for (const plugin of report.plugins) {
      expect(plugin).toMatchObject({origin: 'bundled', version: VERSION})
      expect(await realpath(plugin.root)).toBe(join(kernelModules, '@aigogo', `plugin-${plugin.name}`))
    }
    expect((await runInstalled(prefix, 'aigg', ['version'], {home})).stdout).toContain(`aigogo ${VERSION}`)

    const packages = await packagesUnder(join(prefix, 'lib', 'node_modules', 'aigogo'))
    expect(packages.filter((p) => p.endsWith('/node_modules/@oclif/core'))).toHaveLength(1)
    expect(packages.filter((p) => p.endsWith('/node_modules/@aigogo/sdk'))).toHaveLength(1)
    const bytes = await sizeOf(join(prefix, 'lib', 'node_modules', 'aigogo'))
    console.info(`release gate footprint: ${(bytes / 1e6).toFixed(1)} MB, ${packages.length + 1} packages (aigogo and its node_modules)`)
    // The distribution issue's ceiling; no compiler among the runtime dependencies.
    expect(bytes).toBeLessThanOrEqual(25e6)
    expect(packages.filter((p) => p.endsWith('/node_modules/typescript'))).toEqual([])
    // The MCP SDK ships bundled inside the mcp plugin: none of its 94 packages is installed.
    expect(packages.filter((p) => /\/node_modules\/(@modelcontextprotocol\/sdk|zod|express|hono)$/.test(p))).toEqual([])
  })

  it('serves MCP from the installed binary (the bundled SDK loads)', async () => {
    const lines = [
      {id: 1, jsonrpc: '2.0', method: 'initialize', params: {capabilities: {}, clientInfo: {name: 'gate', version: '1'}, protocolVersion: '2025-06-18'}},
      {jsonrpc: '2.0', method: 'notifications/initialized'},
      {id: 2, jsonrpc: '2.0', method: 'tools/list'},
    ]
    const result = await execa('aigogo', ['mcp', '--project', work.path], {
      env: installedEnv(prefix, {AIGOGO_HOME: join(work.path, 'home-mcp'), HOME: join(work.path, 'user-home')}),
      extendEnv: false,
      input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
      reject: false,
    })
    expect(result.exitCode, String(result.stderr)).toBe(0)
    const replies = String(result.stdout).trim().split('\n').map((l) => JSON.parse(l) as {id: number; result: {tools?: {name: string}[]}})
    expect(replies.find((r) => r.id === 2)?.result.tools?.map((t) => t.name).sort()).toEqual(['add', 'info', 'install', 'list_installed', 'search'])
  })

  it('runs the README quick start (init, add file, build, add, install, python import) with the installed binary', async () => {
    const tmp = join(work.path, 'quickstart-tmp')
    await mkdir(tmp)
    const result = await execa('bash', [join(REPO_ROOT, 'test', 'quickstart.sh')], {
      // Node 22+ keeps its compile cache under TMPDIR by default (bin/run.js turns it on): the
      // check below is about the script's own temp files, so node's cache goes elsewhere.
      env: {...npmEnv({}), AIGOGO_BIN: join(prefix, 'bin', 'aigogo'), HOME: join(work.path, 'user-home'), NODE_COMPILE_CACHE: join(work.path, 'node-compile-cache'), PATH: `${prefix}/bin:${process.env.PATH}`, TMPDIR: tmp},
      extendEnv: false,
      reject: false,
    })
    expect(result.exitCode, String(result.stderr)).toBe(0)
    expect(String(result.stdout)).toContain('Hello From Aigogo / hello')
    expect(await readdir(tmp)).toEqual([]) // the script cleaned up after itself
  })

  it('pushes to and pulls from a real docker-registry, validates with depgen, installs the pulled package', async () => {
    let registry: TestRegistry | undefined
    try {
      registry = await startRegistry()
      const ref = `${registry.host}/team/text-tools:1.0.0`
      const author = join(work.path, 'author')
      const authorHome = join(work.path, 'home-author')
      await mkdir(author)
      await writeFile(join(author, 'text_tools.py'), 'import json\n\n\ndef shout(text):\n    return json.dumps(text.upper())\n')
      ok(await cli(['init', '--name', 'text-tools', '--language', 'python'], {cwd: author, home: authorHome}))
      ok(await cli(['add', 'file', 'text_tools.py'], {cwd: author, home: authorHome}))
      ok(await cli(['validate'], {cwd: author, home: authorHome})) // depgen: only the standard library is imported
      ok(await cli(['build', 'text-tools:1.0.0'], {cwd: author, home: authorHome}))
      ok(await cli(['push', ref, '--from', 'text-tools:1.0.0'], {env: registry.env, home: authorHome}))

      const teammateHome = join(work.path, 'home-teammate')
      ok(await cli(['pull', ref], {env: registry.env, home: teammateHome}))
      const project = join(work.path, 'team-project')
      await mkdir(project)
      const venv = join(work.path, 'venv')
      await execa('python3', ['-m', 'venv', '--without-pip', venv])
      ok(await cli(['add', ref], {cwd: project, env: registry.env, home: teammateHome}))
      ok(await cli(['install'], {cwd: project, env: {VIRTUAL_ENV: venv, ...registry.env}, home: teammateHome}))
      const {stdout} = await execa(join(venv, 'bin', 'python'), ['-c', "from aigogo.text_tools import shout; print(shout('hi'))"], {cwd: work.path})
      expect(stdout).toBe('"HI"')
    } finally {
      await registry?.stop()
    }
  })

  it('reports versions the registry already has, and publishes nothing twice', async () => {
    const again = await release([VERSION, '--allow-dirty', '--out', releaseDir, '--publish', '--registry', npmRegistry.url, '--userconfig', npmRegistry.userconfig])
    expect(again.exitCode).toBe(2)
    expect(again.stderr).toContain('[exit 2: RELEASE_ALREADY_PUBLISHED]')
    for (const {name} of released.npm) expect(again.stderr).toContain(`${name}@${VERSION} is already published on ${npmRegistry.url}`)
  })
})

describe('a plugin written outside this repository against the published @aigogo/sdk', {timeout: 180_000}, () => {
  let standin: GithubStandin
  beforeAll(async () => {
    standin = await new GithubStandin().start()
  })
  afterAll(async () => standin.stop())

  it('installs the SDK from the registry, compiles with tsc, packs a release asset, installs through plugins install and runs', async () => {
    const dir = join(work.path, 'aigogo-plugin-hello')
    const typescript = (JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as {version: string}).version
    await mkdir(join(dir, 'src', 'commands', 'hello'), {recursive: true})
    await mkdir(join(dir, 'assets', 'skills', 'aigogo-hello-greet'), {recursive: true})
    await writeFile(join(dir, 'package.json'), JSON.stringify({
      aigogo: {capabilities: {}, name: 'hello'},
      devDependencies: {typescript},
      files: ['dist', 'assets', 'oclif.manifest.json'],
      license: 'MIT',
      name: 'aigogo-plugin-hello',
      oclif: {commands: './dist/commands', topicSeparator: ' '},
      peerDependencies: {'@aigogo/sdk': VERSION, '@oclif/core': '^4.14.0'},
      type: 'module',
      version: '1.0.0',
    }, null, 2))
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'dist', rootDir: 'src', skipLibCheck: true, strict: true, target: 'ES2022', types: []},
      include: ['src'],
    }))
    await writeFile(join(dir, 'src', 'commands', 'hello', 'greet.ts'), [
      "import {Args} from '@oclif/core'",
      "import {AigogoCommand, printData, usageError} from '@aigogo/sdk'",
      '',
      'export default class Greet extends AigogoCommand {',
      "  static override summary = 'Greet someone.'",
      "  static override args = {who: Args.string({description: 'who to greet', required: true})}",
      '',
      '  async run(): Promise<{greeting: string}> {',
      '    const {args} = await this.parse(Greet)',
      "    if (args.who === 'nobody') throw usageError('HELLO_NOBODY', 'there is nobody to greet', ['give a name'])",
      '    const greeting: string = `hello ${args.who}, from a plugin built on @aigogo/sdk`',
      '    if (!this.json) printData(greeting)',
      '    return {greeting}',
      '  }',
      '}',
      '',
    ].join('\n'))
    await writeFile(join(dir, 'assets', 'skills', 'aigogo-hello-greet', 'SKILL.md'), '---\nname: aigogo-hello-greet\ndescription: Greets.\n---\nRun `aigogo hello greet <name>`.\n')

    // npm installs the peers (the SDK from our registry, @oclif/core through its uplink) and TypeScript.
    const installed = await npmRegistry.npm(['install', '--prefer-online'], {cwd: dir})
    expect(installed.exitCode, installed.stderr).toBe(0)
    expect(await readdir(join(dir, 'node_modules', '@aigogo', 'sdk', 'dist'))).toContain('index.d.ts')
    // strict tsc fails on an import without type declarations, so this also checks the SDK ships them
    const compiled = await execa(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {cwd: dir, reject: false})
    expect(compiled.exitCode, String(compiled.stdout)).toBe(0)
    await execa(process.execPath, [join(REPO_ROOT, 'node_modules', 'oclif', 'bin', 'run.js'), 'manifest'], {cwd: dir, env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
    // docs/PLUGINS.md "Release and publish": npm pack, rename, checksums.txt, tag v1.0.0.
    const packed = await npmRegistry.npm(['pack', '--json'], {cwd: dir})
    const [{filename}] = JSON.parse(packed.stdout) as {filename: string}[]
    const bundle = await readFile(join(dir, filename!))
    const asset = 'aigogo-plugin-hello-1.0.0.tgz'
    standin.setReleases('acme/aigogo-plugin-hello', [{assets: {[asset]: bundle, 'checksums.txt': checksumsFor({[asset]: bundle})}, tag: 'v1.0.0'}])

    const home = join(work.path, 'home-plugin-author')
    await mkdir(home)
    await writeFile(join(home, 'config.json'), JSON.stringify({targets: [{name: 'claude-code', root: join(work.path, 'claude')}]}))
    const env = {AIGOGO_GITHUB_API_URL: standin.apiUrl}
    const result = JSON.parse(ok(await cli(['plugins', 'install', 'hello', '--source', 'github.com/acme/aigogo-plugin-hello', '--yes', '--json'], {env, home})).stdout) as {status: string; version: string}
    expect(result).toMatchObject({status: 'installed', version: '1.0.0'})
    expect(ok(await cli(['hello', 'greet', 'ada'], {home})).stdout.trim()).toBe('hello ada, from a plugin built on @aigogo/sdk')
    const refused = await cli(['hello', 'greet', 'nobody', '--json'], {home})
    expect(refused.exitCode).toBe(1) // the plugin's coded error renders like the kernel's: one SDK, one error brand
    expect(JSON.parse(refused.stderr.trim()).error).toMatchObject({code: 'HELLO_NOBODY', hints: ['give a name']})
    expect(await readFile(join(work.path, 'claude', 'skills', 'aigogo-hello-greet', 'SKILL.md'), 'utf8')).toContain('aigogo hello greet')
  })
})

describe('the release command\'s first-party plugin assets', {timeout: 180_000}, () => {
  let standin: GithubStandin
  beforeAll(async () => {
    standin = await new GithubStandin().start()
  })
  afterAll(async () => standin.stop())

  /** The same asset re-versioned to an older release, the starting point of an update. */
  async function olderCopy(asset: string, version: string): Promise<Buffer> {
    const dir = join(work.path, `older-${version}`)
    await mkdir(dir)
    await tar.x({cwd: dir, file: asset})
    for (const file of ['package.json', 'oclif.manifest.json']) {
      const json = JSON.parse(await readFile(join(dir, 'package', file), 'utf8')) as {version: string}
      json.version = version
      await writeFile(join(dir, 'package', file), JSON.stringify(json))
    }
    const file = join(work.path, `older-${version}.tgz`)
    await tar.c({cwd: dir, file, gzip: true, portable: true}, ['package'])
    return readFile(file)
  }

  it('writes an asset and checksums.txt per plugin for the tag plugins/<name>/v<version>', async () => {
    expect(released.assets.map((a) => [a.name, a.tag]).sort()).toEqual(PLUGINS.map((name) => [name, `plugins/${name}/v${VERSION}`]).sort())
    for (const {asset, checksums, name} of released.assets) {
      expect(asset).toBe(join(releaseDir, 'github', 'plugins', name, `v${VERSION}`, `aigogo-plugin-${name}-${VERSION}.tgz`))
      expect(await readFile(checksums, 'utf8')).toBe(checksumsFor({[`aigogo-plugin-${name}-${VERSION}.tgz`]: await readFile(asset)}))
    }
  })

  it('plugins update store moves an installed store to the released asset, whose commands then run', async () => {
    const store = released.assets.find((a) => a.name === 'store')!
    const current = await readFile(store.asset)
    const older = await olderCopy(store.asset, '0.0.1')
    const olderAsset = 'aigogo-plugin-store-0.0.1.tgz'
    const currentAsset = `aigogo-plugin-store-${VERSION}.tgz`
    standin.setReleases('aigogo-dev/aigogo', [
      {assets: {[currentAsset]: current, 'checksums.txt': await readFile(store.checksums)}, tag: `plugins/store/v${VERSION}`},
      {assets: {[olderAsset]: older, 'checksums.txt': checksumsFor({[olderAsset]: older})}, tag: 'plugins/store/v0.0.1'},
    ])
    const home = join(work.path, 'home-update')
    await mkdir(home)
    await writeFile(join(home, 'config.json'), JSON.stringify({targets: []}))
    const env = {AIGOGO_GITHUB_API_URL: standin.apiUrl}
    ok(await cli(['plugins', 'install', 'store', '--version', 'v0.0.1', '--json'], {env, home}))
    const updated = JSON.parse(ok(await cli(['plugins', 'update', 'store', '--json'], {env, home})).stdout) as {status: string; version: string}
    expect(updated).toMatchObject({status: 'updated', version: VERSION})
    const report = JSON.parse(ok(await cli(['version', '--json'], {home})).stdout) as {plugins: {name: string; origin: string; root: string}[]}
    const entry = report.plugins.find((p) => p.name === 'store')!
    expect(entry.origin).toMatch(/^installed/)
    expect(await realpath(entry.root)).toBe(await realpath(join(home, 'plugins', 'store')))

    // The store's commands, from the updated copy (its bundled picomatch and ignore included).
    const pkg = join(work.path, 'updated-store-pkg')
    await mkdir(pkg)
    await writeFile(join(pkg, 'notes.py'), 'def note():\n    return 1\n')
    await writeFile(join(pkg, 'skip.py'), 'x = 1\n')
    ok(await cli(['init', '--name', 'notes', '--language', 'python'], {cwd: pkg, home}))
    ok(await cli(['add', 'file', '*.py'], {cwd: pkg, home})) // a glob: the bundled picomatch
    ok(await cli(['build', 'notes:1.0.0'], {cwd: pkg, home}))
    expect(ok(await cli(['list'], {home})).stdout).toContain('notes')
    ok(await cli(['rm', 'file', '*.py'], {cwd: pkg, home}))
  })
})
