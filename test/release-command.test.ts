/**
 * `npm run release` refuses what must not be released: run against a fresh clone of this
 * repository's HEAD (so the checkout is never touched), each refusal is a coded error and
 * leaves the clone exactly as it was. The making and publishing run in test/release-gate.test.ts.
 */
import {execa} from 'execa'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {REPO_ROOT, tempDir} from './helpers/cli.js'

let work: {path: string; cleanup: () => Promise<void>}
let clone: string

beforeEach(async () => {
  work = await tempDir('aigogo-release-cmd-')
  clone = join(work.path, 'aigogo')
  await execa('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone])
  await execa('git', ['config', 'user.email', 'test@example.invalid'], {cwd: clone})
  await execa('git', ['config', 'user.name', 'release test'], {cwd: clone})
})
afterEach(async () => work.cleanup())

async function release(args: string[]): Promise<{exitCode: number; stdout: string; stderr: string}> {
  const result = await execa(process.execPath, [join(clone, 'scripts', 'release.mjs'), ...args], {cwd: clone, reject: false})
  return {exitCode: result.exitCode ?? -1, stderr: String(result.stderr), stdout: String(result.stdout)}
}

const status = async (): Promise<string> => String((await execa('git', ['status', '--porcelain'], {cwd: clone})).stdout)
const version = async (): Promise<string> => (JSON.parse(await readFile(join(clone, 'package.json'), 'utf8')) as {version: string}).version

async function editJson(file: string, edit: (json: Record<string, any>) => void): Promise<void> {
  const json = JSON.parse(await readFile(join(clone, file), 'utf8')) as Record<string, any>
  edit(json)
  await writeFile(join(clone, file), `${JSON.stringify(json, null, 2)}\n`)
}

async function commitAll(message: string): Promise<void> {
  await execa('git', ['commit', '--quiet', '-am', message], {cwd: clone})
}

describe('npm run release refuses', () => {
  it('a version that is not semver, and bad usage', async () => {
    for (const bad of ['1.2', 'v1.2.3', '01.2.3', '1.2.3-', 'latest', '1.2.3 ']) {
      const result = await release([bad])
      expect([bad, result.exitCode]).toEqual([bad, 1])
      expect(result.stderr).toContain('is not a semver version')
      expect(result.stderr).toContain('[exit 1: RELEASE_VERSION_INVALID]')
    }
    expect((await release([])).stderr).toContain('[exit 1: RELEASE_USAGE]')
    expect((await release(['1.2.3', '--frobnicate'])).stderr).toContain('unknown flag "--frobnicate"')
    const noRegistry = await release(['1.2.3', '--publish'])
    expect([noRegistry.exitCode, noRegistry.stderr.includes('--publish needs --registry')]).toEqual([1, true])
    expect(await status()).toBe('')
  })

  it('a dirty tree: an untracked file or a changed tracked one', async () => {
    await writeFile(join(clone, 'stray.txt'), 'not committed\n')
    const untracked = await release([await version(), '--no-build'])
    expect(untracked.exitCode).toBe(2)
    expect(untracked.stderr).toContain('the git tree has uncommitted changes (1): stray.txt')
    expect(untracked.stderr).toContain('[exit 2: RELEASE_TREE_DIRTY]')
    await execa('git', ['clean', '-fq'], {cwd: clone})
    await writeFile(join(clone, 'README.md'), 'changed\n')
    const changed = await release([await version(), '--no-build', '--publish', '--registry', 'http://127.0.0.1:9/'])
    expect([changed.exitCode, changed.stderr.includes('RELEASE_TREE_DIRTY'), changed.stderr.includes('README.md')]).toEqual([2, true, true])
  })

  it('packages whose versions disagree, and a reference between them that is not exact', async () => {
    const current = await version()
    await editJson('plugins/store/package.json', (json) => (json.version = '9.9.9'))
    await commitAll('store at another version')
    const versions = await release([current, '--no-build'])
    expect(versions.exitCode).toBe(2)
    expect(versions.stderr).toContain(`@aigogo/plugin-store is at 9.9.9, the others at ${current}`)
    expect(versions.stderr).toContain('[exit 2: RELEASE_VERSIONS_DISAGREE]')
    expect(await status()).toBe('')

    await execa('git', ['reset', '--quiet', '--hard', 'HEAD~1'], {cwd: clone})
    await editJson('package.json', (json) => (json.dependencies['@aigogo/sdk'] = `^${current}`))
    await commitAll('a range instead of the exact version')
    const range = await release([current, '--no-build'])
    expect(range.stderr).toContain(`aigogo dependencies names @aigogo/sdk@"^${current}", not exactly ${current}`)
    expect(range.stderr).toContain('RELEASE_VERSIONS_DISAGREE')
  })

  it('a LICENSE copy that drifted from the root LICENSE', async () => {
    await writeFile(join(clone, 'plugins', 'imports', 'LICENSE'), 'something else\n')
    await commitAll('drift')
    const result = await release([await version(), '--no-build'])
    expect([result.exitCode, result.stderr.includes('plugins/imports/LICENSE'), result.stderr.includes('RELEASE_LICENSE_DRIFT')]).toEqual([2, true, true])
  })

  it('publishing a version the packages are not at, or a release that was not made', async () => {
    const other = await release(['7.0.0', '--publish', '--registry', 'http://127.0.0.1:9/'])
    expect([other.exitCode, other.stderr.includes('RELEASE_VERSION_UNCOMMITTED')]).toEqual([2, true])
    const notMade = await release([await version(), '--publish', '--registry', 'http://127.0.0.1:9/'])
    expect([notMade.exitCode, notMade.stderr.includes('RELEASE_NOT_MADE')]).toEqual([2, true])
    expect(await status()).toBe('')
  })
})

describe('npm run release sets versions', () => {
  it('moves every package and every reference between them to the new version, lock included', async () => {
    const result = await release(['2.0.0-rc.1', '--no-build'])
    // The clone is not built, so the run stops after setting versions, and says why.
    expect(result.stderr).toContain('set every package and every reference between them to 2.0.0-rc.1')
    expect([result.exitCode, result.stderr.includes('RELEASE_BUILD_STALE')]).toEqual([2, true])
    for (const dir of ['.', 'src/sdk', 'plugins/store', 'plugins/registry', 'plugins/imports', 'plugins/depgen', 'plugins/mcp']) {
      const json = JSON.parse(await readFile(join(clone, dir, 'package.json'), 'utf8')) as {version: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>}
      expect([dir, json.version]).toEqual([dir, '2.0.0-rc.1'])
      for (const [name, spec] of Object.entries({...json.dependencies, ...json.peerDependencies})) {
        if (name.startsWith('@aigogo/')) expect([dir, name, spec]).toEqual([dir, name, '2.0.0-rc.1'])
      }
    }
    const lock = JSON.parse(await readFile(join(clone, 'package-lock.json'), 'utf8')) as {version: string; packages: Record<string, {version?: string; dependencies?: Record<string, string>}>}
    expect([lock.version, lock.packages['']!.version, lock.packages['plugins/store']!.version]).toEqual(['2.0.0-rc.1', '2.0.0-rc.1', '2.0.0-rc.1'])
    expect(lock.packages['']!.dependencies!['@aigogo/plugin-store']).toBe('2.0.0-rc.1')
    // Versions agree now: a second run goes past the check (and stops at the missing build again).
    expect((await release(['2.0.0-rc.1', '--no-build', '--allow-dirty'])).stderr).not.toContain('RELEASE_VERSIONS_DISAGREE')
  })
})
