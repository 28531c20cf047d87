import {execa} from 'execa'
import {lstat, mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {REPO_ROOT, aigogo} from '../../../test/helpers/cli.js'
import {resolveJsEntryPoint, resolveTsEntryPoint} from '../src/wiring/entry-point.js'
import {buildPackage, ok, useWorkAndHome} from './helpers/packages.js'

describe('JavaScript entry points', () => {
  it('follows index.js > index.mjs > index.cjs > single file > first alphabetically, top level only', () => {
    expect(resolveJsEntryPoint(['utils.js', 'index.js', 'index.mjs'])).toBe('index.js')
    expect(resolveJsEntryPoint(['alpha.js', 'index.mjs', 'index.cjs'])).toBe('index.mjs')
    expect(resolveJsEntryPoint(['zebra.js', 'index.cjs'])).toBe('index.cjs')
    expect(resolveJsEntryPoint(['tokens.js'])).toBe('tokens.js')
    expect(resolveJsEntryPoint(['beta.js', 'alpha.js', 'x.ts'])).toBe('alpha.js')
    expect(resolveJsEntryPoint(['readme.md', 'main.ts'])).toBeUndefined()
    expect(resolveTsEntryPoint(['util.ts', 'index.ts', 'index.d.ts'])).toBe('index.ts')
    expect(resolveTsEntryPoint(['types.d.ts', 'main.mts'])).toBe('main.mts')
  })
})

describe('Node.js imports', () => {
  const ws = useWorkAndHome('file')
  let project: string

  beforeAll(async () => {
    const js = 'javascript' as const
    await buildPackage(ws.home, join(ws.work, 'cjs'), {files: {'index.js': "exports.hello = () => 'hello ' + require('./lib/name.js')\n", 'lib/name.js': "module.exports = 'cjs'\n"}, language: js, name: 'cjs-pkg'})
    await buildPackage(ws.home, join(ws.work, 'esm'), {files: {'tokens.mjs': 'export default function count(s) { return s.split(" ").length }\n'}, language: js, name: 'esm-pkg'})
    await buildPackage(ws.home, join(ws.work, 'own'), {
      files: {'package.json': JSON.stringify({exports: {'.': {import: './src/main.mjs', require: './src/main.cjs'}}, main: './src/main.cjs', name: 'own'}), 'src/main.cjs': "module.exports = 'own-cjs'\n", 'src/main.mjs': "export default 'own-esm'\n"},
      language: js,
      name: 'own-pkg',
    })
    await buildPackage(ws.home, join(ws.work, 'typed'), {files: {'typed.d.ts': 'export declare function double(n: number): number\n', 'typed.js': 'exports.double = (n) => n * 2\n'}, language: js, name: 'typed-pkg'})
    project = join(ws.work, 'project')
    await mkdir(project)
    for (const ref of ['cjs-pkg:1.0.0', 'esm-pkg:1.0.0', 'own-pkg:1.0.0', 'typed-pkg:1.0.0']) ok(await aigogo(['add', ref], {cwd: project, home: ws.home}))
    ok(await aigogo(['install'], {cwd: project, home: ws.home}))
  })

  it('links each package into a real @aigogo/<name> directory with a generated package.json', async () => {
    const dir = join(project, '.aigogo', 'imports', '@aigogo', 'cjs-pkg')
    expect((await lstat(dir)).isDirectory()).toBe(true)
    expect((await lstat(join(dir, 'index.js'))).isSymbolicLink()).toBe(true)
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))).toEqual({main: 'index.js', name: '@aigogo/cjs-pkg'})
    expect(JSON.parse(await readFile(join(project, '.aigogo', 'imports', '@aigogo', 'typed-pkg', 'package.json'), 'utf8'))).toEqual({main: 'typed.js', name: '@aigogo/typed-pkg', types: 'typed.d.ts'})
    // A package's own package.json is linked, never rewritten (upstream wrote through into the store).
    expect((await lstat(join(project, '.aigogo', 'imports', '@aigogo', 'own-pkg', 'package.json'))).isSymbolicLink()).toBe(true)
  })

  it('resolves require("@aigogo/...") from CommonJS with register.js, preloaded or required', async () => {
    const code = "console.log(require('@aigogo/cjs-pkg').hello(), require('@aigogo/own-pkg'), require('@aigogo/typed-pkg').double(21))"
    const preloaded = await execa('node', ['--require', './.aigogo/register.js', '-e', code], {cwd: project})
    expect(preloaded.stdout).toBe('hello cjs own-cjs 42')
    await writeFile(join(project, 'app.cjs'), `require('./.aigogo/register');\n${code}\n`)
    expect((await execa('node', ['app.cjs'], {cwd: project})).stdout).toBe('hello cjs own-cjs 42')
  })

  it('resolves import from "@aigogo/..." in ESM with register.mjs, in a "type": "module" project', async () => {
    await writeFile(join(project, 'package.json'), '{"type": "module"}\n')
    await writeFile(
      join(project, 'app.mjs'),
      "import count from '@aigogo/esm-pkg'\nimport own from '@aigogo/own-pkg'\nimport cjs from '@aigogo/cjs-pkg'\nimport {createRequire} from 'node:module'\nconst require = createRequire(import.meta.url)\nconsole.log(count('a b c'), own, cjs.hello(), require('@aigogo/typed-pkg').double(2))\n",
    )
    const result = await execa('node', ['--import', './.aigogo/register.mjs', 'app.mjs'], {cwd: project})
    expect(result.stdout).toBe('3 own-esm hello cjs 4')
  })

  it('wires a TypeScript-only package (index.ts): package.json points at it, tsc and require resolve it, install says what runs it', async () => {
    const dir = join(ws.work, 'ts-only-project')
    await mkdir(dir)
    await buildPackage(ws.home, join(ws.work, 'ts-only'), {files: {'index.ts': 'export function twice(s: string): string {\n  return s + s\n}\n'}, language: 'javascript', name: 'ts-only'})
    ok(await aigogo(['add', 'ts-only:1.0.0'], {cwd: dir, home: ws.home}))
    const installed = ok(await aigogo(['install'], {cwd: dir, home: ws.home}))
    expect(installed.stderr).toContain('package "ts-only" ships TypeScript only (index.ts)')
    expect(installed.stderr).not.toMatch(/\/[\w./<>-]*\.js\b/)
    const pjson = JSON.parse(await readFile(join(dir, '.aigogo', 'imports', '@aigogo', 'ts-only', 'package.json'), 'utf8')) as Record<string, string>
    expect(pjson).toEqual({main: 'index.ts', name: '@aigogo/ts-only', types: 'index.ts'})
    await writeFile(join(dir, 'use.ts'), "import {twice} from '@aigogo/ts-only'\nconst n: number = twice('a')\n")
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({compilerOptions: {baseUrl: '.', module: 'commonjs', noEmit: true, paths: {'@aigogo/*': ['./.aigogo/imports/@aigogo/*']}, strict: true}, files: ['use.ts']}))
    const tsc = await execa(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {reject: false})
    expect(tsc.stdout).toContain("Type 'string' is not assignable to type 'number'")
    const required = await execa('node', ['--require', './.aigogo/register.js', '-e', "try { console.log(require('@aigogo/ts-only').twice('a')) } catch (e) { console.log(e.code ?? e.name) }"], {cwd: dir})
    // Resolution finds index.ts (before: MODULE_NOT_FOUND); a Node that strips types runs it, an older one cannot parse it.
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
    const strips = major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18)
    expect(required.stdout).toBe(strips ? 'aa' : 'SyntaxError')
  })

  it('gives TypeScript the shipped declarations through a tsconfig paths mapping', async () => {
    await writeFile(join(project, 'use.ts'), "import {double} from '@aigogo/typed-pkg'\nconst n: string = double(2)\n")
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify({compilerOptions: {baseUrl: '.', module: 'commonjs', noEmit: true, paths: {'@aigogo/*': ['./.aigogo/imports/@aigogo/*']}, strict: true}, files: ['use.ts']}))
    const tsc = await execa(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {reject: false})
    // The declaration was found: the error is the deliberate number-to-string mismatch.
    expect(tsc.stdout).toContain("Type 'number' is not assignable to type 'string'")
  })
})
