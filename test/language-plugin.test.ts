/**
 * Languages as an extension point, end to end through the real CLI: a third-party plugin
 * (test/fixtures/zig-language-plugin, linked) adds zig, and init, auto discovery, scan,
 * build's dependency check, show-deps, add, install (its wiring hook) and uninstall use it
 * exactly like aigogo's own languages. Without it, every command names the installed languages.
 */
import {cp, lstat, mkdir, readFile, readlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {aigogo, jsonError, type RunResult, tempDir} from './helpers/cli.js'

const FIXTURE = join(import.meta.dirname, 'fixtures', 'zig-language-plugin')

let work: {path: string; cleanup: () => Promise<void>}
let home: string
let author: string
let app: string

beforeEach(async () => {
  work = await tempDir('aigogo-language-')
  home = join(work.path, 'aigogo-home')
  author = join(work.path, 'zig-greet')
  app = join(work.path, 'app')
  await Promise.all([mkdir(join(author, 'src'), {recursive: true}), mkdir(app), mkdir(join(work.path, 'user-home'))])
  // Asset sync goes to a private target, never the real home.
  await writeFile(join(work.path, 'config.json'), JSON.stringify({targets: [{name: 'claude-code', root: join(work.path, 'claude')}]}))
})
afterEach(async () => work.cleanup())

function run(args: string[], cwd: string): Promise<RunResult> {
  return aigogo(args, {cwd, env: {AIGOGO_CONFIG: join(work.path, 'config.json'), HOME: join(work.path, 'user-home')}, home})
}

async function ok(args: string[], cwd: string): Promise<any> {
  const result = await run([...args, '--json'], cwd)
  expect(result.exitCode, result.stderr).toBe(0)
  return JSON.parse(result.stdout)
}

/** A copy of the fixture, linked (link writes peer links into the directory it links). */
async function linkZig(): Promise<void> {
  const dir = join(work.path, 'zig-plugin')
  await cp(FIXTURE, dir, {recursive: true})
  await ok(['plugins', 'link', dir], work.path)
}

async function writeZigPackage(): Promise<void> {
  const manifest = JSON.parse(await readFile(join(author, 'aigogo.json'), 'utf8'))
  await writeFile(join(author, 'aigogo.json'), JSON.stringify({...manifest, files: {include: 'auto'}}, null, 2))
  await writeFile(join(author, 'src', 'greet.zig'), 'const std = @import("std");\nconst zap = @import("zap");\nconst util = @import("util.zig");\n')
  await writeFile(join(author, 'src', 'util.zig'), 'pub fn hello() void {}\n')
  await writeFile(join(author, 'README.md'), 'not zig\n')
}

describe('a language plugin', () => {
  it('adds zig: init, auto discovery, scan, build check, show-deps, install through its wiring hook, uninstall', async () => {
    await linkZig()
    expect(await ok(['init', '--language', 'zig'], author)).toMatchObject({language: 'zig', name: 'zig-greet'})
    expect(JSON.parse(await readFile(join(author, 'aigogo.json'), 'utf8')).language).toEqual({name: 'zig', version: '>=0.13'})
    await writeZigPackage()

    const scan = await ok(['scan'], author)
    expect(scan.imports.map((i: {package: string; file: string; line: number}) => [i.package, i.file, i.line])).toEqual([['zap', 'src/greet.zig', 2]])

    // build asks the zig scanner too: the undeclared import fails the check.
    const missing = await run(['build', '--json'], author)
    expect([missing.exitCode, jsonError(missing).code]).toEqual([2, 'DEPENDENCIES_MISSING'])
    await ok(['add', 'dep', 'zap', '>=0.1.0'], author)
    const built = await ok(['build'], author)
    // "include": "auto" packages the language's extensions only (README.md stays out).
    expect(built).toMatchObject({files: ['aigogo.json', 'src/greet.zig', 'src/util.zig'], ref: 'zig-greet:0.1.1', validated: true})

    expect((await ok(['show-deps', '--format', 'zon'], author)).output).toContain('.@"zap" = .{ .version = ">=0.1.0" }')
    const npm = await run(['show-deps', '--format', 'npm', '--json'], author)
    expect([npm.exitCode, jsonError(npm).code, jsonError(npm).hints[0]]).toEqual([1, 'FORMAT_LANGUAGE_MISMATCH', 'for a zig package use --format zon'])

    expect(await ok(['add', 'zig-greet:0.1.1'], app)).toMatchObject({key: 'zig-greet', language: 'zig'})
    const installed = await ok(['install'], app)
    const zon = join(app, 'build.aigogo.zon')
    expect(installed.wiring).toEqual({zig: {dir: join(app, '.aigogo', 'zig'), zon}})
    expect(await readFile(join(app, '.aigogo', 'zig', 'zig-greet', 'src', 'greet.zig'), 'utf8')).toContain('@import("zap")')
    expect(await readlink(join(app, '.aigogo', 'zig', 'zig-greet'))).toContain(join(home, 'store'))
    expect(await readFile(zon, 'utf8')).toContain(`.@"zig-greet" = .{ .path = "${join(app, '.aigogo', 'zig', 'zig-greet')}" }`)
    // The no-op install reads no language: a zig module that cannot even be imported does not matter.
    const module = join(work.path, 'zig-plugin', 'languages', 'zig.js')
    const source = await readFile(module, 'utf8')
    await writeFile(module, 'throw new Error("the no-op install imported a language module")\n')
    expect(await ok(['install'], app)).toMatchObject({upToDate: true})
    await writeFile(module, source)

    const removed = await ok(['uninstall'], app)
    expect(removed.removed).toEqual(expect.arrayContaining([zon, join(app, '.aigogo')]))
    await expect(lstat(zon)).rejects.toMatchObject({code: 'ENOENT'})
    await expect(lstat(join(app, '.aigogo'))).rejects.toMatchObject({code: 'ENOENT'})
  })

  it('without the plugin, zig is refused everywhere with LANGUAGE_UNSUPPORTED naming the installed languages', async () => {
    await linkZig()
    await ok(['init', '--language', 'zig'], author)
    await writeZigPackage()
    await ok(['add', 'dep', 'zap', '>=0.1.0'], author)
    await ok(['build'], author)
    await ok(['add', 'zig-greet:0.1.1'], app)
    await ok(['plugins', 'remove', 'zig'], work.path)

    const expectUnsupported = (result: RunResult): void => {
      const error = jsonError(result)
      expect([result.exitCode, error.code], result.stderr).toEqual([2, 'LANGUAGE_UNSUPPORTED'])
      expect(error.message).toContain('"zig"')
      expect(error.hints[0]).toBe('installed languages: go, javascript, python, rust')
      expect(error.hints[1]).toContain('"language:zig" capability')
    }
    const fresh = join(work.path, 'fresh')
    await mkdir(fresh)
    expectUnsupported(await run(['init', '--language', 'zig', '--json'], fresh))
    await expect(lstat(join(fresh, 'aigogo.json'))).rejects.toMatchObject({code: 'ENOENT'})
    const before = await readFile(join(author, 'aigogo.json'), 'utf8')
    expectUnsupported(await run(['build', '--json'], author))
    expect(await readFile(join(author, 'aigogo.json'), 'utf8')).toBe(before)
    expectUnsupported(await run(['scan', '--json'], author))
    expectUnsupported(await run(['validate', '--json'], author))
    expectUnsupported(await run(['install', '--json'], app))
    await expect(lstat(join(app, '.aigogo'))).rejects.toMatchObject({code: 'ENOENT'})
  })

  it('a language name that is not one is MANIFEST_INVALID, not a missing plugin', async () => {
    await writeFile(join(author, 'aigogo.json'), JSON.stringify({files: {include: 'auto'}, language: {name: 'Zig!', version: '1'}, name: 'zig-greet', version: '0.1.0'}))
    const result = await run(['build', '--json'], author)
    expect([result.exitCode, jsonError(result).code, jsonError(result).message]).toEqual([3, 'MANIFEST_INVALID', expect.stringContaining('"Zig!" is not a language name')])
  })
})
