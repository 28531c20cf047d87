/**
 * `aigogo plugins new` and the walk docs/PLUGINS.md ("Quick start for plugin authors") promises:
 * new -> npm install -> npm run build -> npm test -> npm run pack -> a GitHub release (the local
 * stand-in) -> aigogo plugins install -> the plugin's command runs. The generated plugin is outside
 * this repository and gets @aigogo/sdk as an author would: from a registry (Verdaccio on
 * 127.0.0.1, with the SDK packed from src/sdk and published to it). One npm install serves every test.
 */
import {execa} from 'execa'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, BIN, cleanEnv, jsonError, REPO_ROOT, type RunResult, tempDir} from './helpers/cli.js'
import {GithubStandin} from './helpers/github-standin.js'
import {npmEnv, startVerdaccio, type TestNpmRegistry} from './helpers/verdaccio.js'

let work: {path: string; cleanup: () => Promise<void>}
let home: string

function run(args: string[], cwd?: string, env: Record<string, string> = {}): Promise<RunResult> {
  return aigogo(args, {cwd: cwd ?? work.path, env: {HOME: join(work.path, 'user-home'), ...env}, home})
}

function ok(result: RunResult): RunResult {
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0)
  return result
}

async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, {recursive: true})).sort()
}

describe('plugins new: what it refuses', () => {
  beforeAll(async () => {
    work = await tempDir('aigogo-new-')
    home = join(work.path, 'aigogo-home')
    await mkdir(join(work.path, 'user-home'))
  })
  afterAll(async () => work.cleanup())

  it('refuses a directory that holds anything, and leaves it as it was', async () => {
    const dir = join(work.path, 'taken')
    await mkdir(dir)
    await writeFile(join(dir, 'notes.txt'), 'mine')
    const result = await run(['plugins', 'new', 'hello', '--dir', dir, '--json'])
    expect([result.exitCode, jsonError(result).code]).toEqual([2, 'PLUGIN_DIR_NOT_EMPTY'])
    expect(await tree(dir)).toEqual(['notes.txt'])
    const file = await run(['plugins', 'new', 'hello', '--dir', join(dir, 'notes.txt'), '--json'])
    expect([file.exitCode, jsonError(file).code]).toEqual([2, 'PLUGIN_DIR_NOT_EMPTY'])
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine')
    expect((await readdir(work.path)).filter((e) => e.startsWith('.aigogo-new-'))).toEqual([])
  })

  it('refuses names that are not plugin names or that collide with aigogo commands, writing nothing', async () => {
    const before = await tree(work.path)
    for (const [name, code] of [['../escape', 'NAME_INVALID'], ['Hello', 'PLUGIN_NAME_INVALID'], ['build', 'PLUGIN_NAME_RESERVED'], ['store', 'PLUGIN_NAME_RESERVED']] as const) {
      const result = await run(['plugins', 'new', name, '--json'])
      expect([name, result.exitCode, jsonError(result).code]).toEqual([name, 1, code])
    }
    expect(await tree(work.path)).toEqual(before)
  })

  it('writes into an empty directory', async () => {
    const dir = join(work.path, 'empty')
    await mkdir(dir)
    const result = JSON.parse(ok(await run(['plugins', 'new', 'hello', '--dir', dir, '--json'])).stdout) as {dir: string; package: string}
    expect(result).toMatchObject({dir, package: 'aigogo-plugin-hello'})
    expect(await tree(dir)).toEqual(expect.arrayContaining(['package.json', 'tsconfig.json', 'src/commands/hello/greet.ts', 'assets/skills/aigogo-hello-greet/SKILL.md', 'test/plugin.test.ts', 'scripts/pack-release.mjs']))
  })
})

describe('the quick start for plugin authors, from plugins new to an installed release', {timeout: 240_000}, () => {
  let npmRegistry: TestNpmRegistry
  let standin: GithubStandin
  let plugin: string
  let upstream: string
  // As an author's npm would: @aigogo/* from "their" registry (Verdaccio holding the SDK just packed), everything else
  // straight from the registry npm is configured with (and its cache), not through Verdaccio's proxy, which is slow.
  const npm = async (args: string[]): Promise<RunResult> => npmRegistry.npm([...args, `--registry=${upstream}`, `--@aigogo:registry=${npmRegistry.url}`], {cwd: plugin})

  beforeAll(async () => {
    work = await tempDir('aigogo-quickstart-')
    home = join(work.path, 'aigogo-home')
    await mkdir(join(work.path, 'user-home'))
    standin = await new GithubStandin().start()
    upstream = (await execa('npm', ['config', 'get', 'registry'], {env: npmEnv({}), extendEnv: false})).stdout.trim()
    npmRegistry = await startVerdaccio()
    // The SDK as npm publishes it (package.json "files" and "exports" included), not the workspace link.
    const packed = await npmRegistry.npm(['pack', '--json', '--pack-destination', work.path], {cwd: join(REPO_ROOT, 'src', 'sdk')})
    if (packed.exitCode !== 0) throw new Error(`npm pack of the SDK failed:\n${packed.stderr}`)
    const {filename} = (JSON.parse(packed.stdout) as [{filename: string}])[0]
    const published = await npmRegistry.npm(['publish', join(work.path, filename)])
    if (published.exitCode !== 0) throw new Error(`publishing the SDK failed:\n${published.stderr}\n${npmRegistry.log()}`)
  })
  afterAll(async () => {
    await npmRegistry?.stop()
    await standin?.stop()
    await work.cleanup()
  })

  it('docs/PLUGINS.md spells out the walk this test runs', async () => {
    const docs = await readFile(join(REPO_ROOT, 'docs', 'PLUGINS.md'), 'utf8')
    const section = docs.split('## Quick start for plugin authors')[1]?.split('\n## ')[0] ?? ''
    const commands = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean)
    expect(commands).toEqual([
      'aigogo plugins new hello',
      'cd aigogo-plugin-hello',
      'npm install',
      'npm run build',
      'npm test',
      'npm run pack',
      'gh release create v0.1.0 release/aigogo-plugin-hello-0.1.0.tgz release/checksums.txt',
      'aigogo plugins install hello --source github.com/<org>/<repo>',
      'aigogo hello greet ada',
    ])
  })

  it('new -> npm install -> build -> test -> pack -> release -> plugins install -> the command runs', async () => {
    ok(await run(['plugins', 'new', 'hello']))
    plugin = join(work.path, 'aigogo-plugin-hello')
    // No --prefer-offline: a packument cached from an earlier run's registry on the same port must be revalidated.
    const installed = await npm(['install'])
    expect(installed.exitCode, installed.stderr).toBe(0)
    expect(JSON.parse(await readFile(join(plugin, 'node_modules', '@aigogo', 'sdk', 'package.json'), 'utf8'))).toMatchObject({version: expect.any(String)})
    const built = await npm(['run', 'build'])
    expect(built.exitCode, built.stderr + built.stdout).toBe(0)
    const tested = await npm(['test'])
    expect(tested.exitCode, tested.stdout + tested.stderr).toBe(0)
    expect(tested.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+4 passed/)
    // The test kit's other runner: the same command through a real aigogo binary with the plugin linked.
    const probe = `import {runLinked} from '@aigogo/sdk/testkit'\nconsole.log(JSON.stringify(await runLinked('.', ['hello', 'greet', 'ada', '--json'], {bin: ${JSON.stringify(BIN)}})))`
    const linked = await execa(process.execPath, ['--input-type=module', '-e', probe], {cwd: plugin, env: cleanEnv({HOME: join(work.path, 'user-home')}), extendEnv: false, reject: false})
    expect(linked.exitCode, String(linked.stderr)).toBe(0)
    const viaCli = JSON.parse(String(linked.stdout)) as {exitCode: number; stdout: string; stderr: string}
    expect(viaCli.exitCode, viaCli.stderr).toBe(0)
    expect(JSON.parse(viaCli.stdout)).toEqual({greeting: 'hello ada, from the hello plugin'})
    const packed = await npm(['run', 'pack'])
    expect(packed.exitCode, packed.stderr + packed.stdout).toBe(0)
    expect((await readdir(join(plugin, 'release'))).sort()).toEqual(['aigogo-plugin-hello-0.1.0.tgz', 'checksums.txt'])

    // The release, as `gh release create v0.1.0 release/...` would publish it.
    const asset = 'aigogo-plugin-hello-0.1.0.tgz'
    standin.setReleases('acme/aigogo-plugin-hello', [{
      assets: {[asset]: await readFile(join(plugin, 'release', asset)), 'checksums.txt': await readFile(join(plugin, 'release', 'checksums.txt'))},
      tag: 'v0.1.0',
    }])
    const claude = join(work.path, 'claude')
    await writeFile(join(work.path, 'config.json'), JSON.stringify({targets: [{name: 'claude-code', root: claude}]}))
    const env = {AIGOGO_CONFIG: join(work.path, 'config.json'), AIGOGO_GITHUB_API_URL: standin.apiUrl}
    const result = JSON.parse(ok(await run(['plugins', 'install', 'hello', '--source', 'github.com/acme/aigogo-plugin-hello', '--yes', '--json'], work.path, env)).stdout) as {status: string; version: string}
    expect(result).toMatchObject({status: 'installed', version: '0.1.0'})
    expect(ok(await run(['hello', 'greet', 'ada'], work.path, env)).stdout.trim()).toBe('hello ada, from the hello plugin')
    const nobody = await run(['hello', 'greet', ' ', '--json'], work.path, env)
    expect([nobody.exitCode, jsonError(nobody).code]).toEqual([1, 'HELLO_NOBODY'])
    expect(await readFile(join(claude, 'skills', 'aigogo-hello-greet', 'SKILL.md'), 'utf8')).toContain('aigogo hello greet')
    const inspected = JSON.parse(ok(await run(['plugins', 'inspect', 'hello', '--json'], work.path, env)).stdout) as {capabilities: Record<string, string>}
    expect(inspected.capabilities).toEqual({'package-source': './dist/capabilities/package-source.js'})
  })

  it("the generated test fails when a capability no longer satisfies its contract (the SDK test kit checks the built module)", async () => {
    const module = join(plugin, 'dist', 'capabilities', 'package-source.js')
    const original = await readFile(module, 'utf8')
    try {
      await writeFile(module, "export default {id: 'hello', accepts: (ref) => ref.startsWith('hello:')}\n")
      const tested = await execa(join(plugin, 'node_modules', '.bin', 'vitest'), ['run', '-t', 'contract'], {cwd: plugin, env: cleanEnv({CI: '1'}), extendEnv: false, reject: false})
      expect(tested.exitCode).not.toBe(0)
      expect(String(tested.stdout) + String(tested.stderr)).toContain('package-source (./dist/capabilities/package-source.js): fetch() is missing')
    } finally {
      await writeFile(module, original)
    }
  })
})
