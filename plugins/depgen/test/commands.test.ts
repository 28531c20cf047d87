import {execa} from 'execa'
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parse as parseToml} from 'smol-toml'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {aigogo, jsonError, tempDir} from '../../../test/helpers/cli.js'

let work: {path: string; cleanup: () => Promise<void>}
let home: string
beforeEach(async () => {
  work = await tempDir('depgen-cmd-')
  home = join(work.path, 'home')
})
afterEach(() => work.cleanup())

interface Dep {
  package: string
  version: string
  optional?: boolean
}

async function pkg(language: 'python' | 'javascript', runtime: Dep[], dev: Dep[], files: Record<string, string>): Promise<string> {
  const dir = join(work.path, 'pkg')
  await mkdir(dir, {recursive: true})
  const manifest = {
    dependencies: {dev, runtime},
    files: {include: 'auto'},
    language: {name: language, version: language === 'python' ? '>=3.9,<4' : '>=20'},
    name: 'my-utils',
    version: '0.1.0',
  }
  await writeFile(join(dir, 'aigogo.json'), JSON.stringify(manifest, null, 2))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), {recursive: true})
    await writeFile(join(dir, name), text)
  }
  return dir
}

describe('aigogo validate', () => {
  it('passes when every import is declared, with PEP 503 names and the import-name mapping', async () => {
    const dir = await pkg('python', [{package: 'pyyaml', version: '>=6'}, {package: 'requests', version: '>=2,<3'}], [], {
      'my_utils/core.py': 'import yaml\nfrom requests import get\nfrom . import helpers\nimport my_utils.helpers\n',
      'my_utils/helpers.py': 'import json\n',
    })
    const result = await aigogo(['validate', '--json'], {cwd: dir, home})
    expect(result.exitCode).toBe(0)
    const report = JSON.parse(result.stdout) as {ok: boolean; missing: unknown[]; unused: unknown[]}
    expect(report).toMatchObject({missing: [], ok: true, unused: []})
  })

  it('fails with DEPENDENCIES_INVALID (exit 3) naming what to add and what to remove', async () => {
    const dir = await pkg('python', [{package: 'flask', version: '>=3'}], [], {'tool.py': 'import requests\n\nimport sklearn.linear_model\n'})
    const result = await aigogo(['validate', '--json'], {cwd: dir, home})
    expect(result.exitCode).toBe(3)
    const error = jsonError(result) as ReturnType<typeof jsonError> & {details: {missing: Array<{package: string; files: string[]}>; unused: string[]}}
    expect(error.code).toBe('DEPENDENCIES_INVALID')
    expect(error.details.missing).toEqual([
      {files: ['tool.py:1'], package: 'requests'},
      {files: ['tool.py:3'], package: 'scikit-learn'},
    ])
    expect(error.details.unused).toEqual(['flask'])
    expect(error.hints.join('\n')).toContain('aigogo add dep scikit-learn')
    expect(error.hints.join('\n')).toContain('aigogo rm dep flask')
  })

  it('accepts a type-only TypeScript import declared as its @types package in dev', async () => {
    const dir = await pkg('javascript', [{package: 'express', version: '^4.18.0'}], [{package: '@types/lodash', version: '^4'}], {
      'src/index.ts': "import express from 'express'\nimport type {DebouncedFunc} from 'lodash'\nimport {join} from 'node:path'\n",
    })
    const result = await aigogo(['validate', '--json'], {cwd: dir, home})
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
  })

  it('finds aigogo.json from a subdirectory', async () => {
    const dir = await pkg('javascript', [], [], {'lib/a.js': "require('left-pad')\n"})
    const result = await aigogo(['validate', '--json'], {cwd: join(dir, 'lib'), home})
    expect(jsonError(result).code).toBe('DEPENDENCIES_INVALID')
  })
})

describe('aigogo scan', () => {
  it('suggests entries for undeclared imports with the version installed in node_modules', async () => {
    const dir = await pkg('javascript', [{package: 'express', version: '^4'}], [], {
      'index.mjs': "import express from 'express'\nimport {z} from 'zod/v4'\nconst later = () => import('@scope/lib/sub')\n",
      'node_modules/zod/package.json': JSON.stringify({name: 'zod', version: '3.23.8'}),
    })
    const result = await aigogo(['scan', '--json'], {cwd: dir, home})
    expect(result.exitCode).toBe(0)
    const scan = JSON.parse(result.stdout) as {packages: Array<{package: string; declared?: string; installed?: string; suggestion?: {version: string}}>}
    expect(scan.packages.map((p) => [p.package, p.declared ?? null, p.installed ?? null, p.suggestion?.version ?? null])).toEqual([
      ['express', 'runtime', null, null],
      ['zod', null, '3.23.8', '^3.23.8'],
      ['@scope/lib', null, null, '*'],
    ])
  })

  it('reads every JavaScript/TypeScript extension, JSX and templates without counting text', async () => {
    const dir = await pkg('javascript', [], [], {
      // .mts/.cts are scanned too (javascript-lexer.test.ts) but the store's `auto` include does not list them yet.
      'a.cjs': "const fs = require('fs-extra')\n",
      'b.ts': "import json = require('json5')\nexport type {Schema} from 'yup'\nconst re = /import('not-regex')/\n",
      'c.jsx': "const el = <p title=\"require('not-attr')\">don't import 'not-text' {require('classnames')}</p>\n",
      'd.tsx': "const g = <T,>(x: T) => x\nconst t = `${require('clsx')} require('not-template')`\n",
    })
    const result = await aigogo(['scan', '--json'], {cwd: dir, home})
    expect(result.stderr).toBe('')
    const scan = JSON.parse(result.stdout) as {imports: Array<{file: string; line: number; package: string; typeOnly?: boolean}>}
    expect(scan.imports.map((u) => `${u.file}:${u.line} ${u.package}${u.typeOnly ? ' (type)' : ''}`)).toEqual([
      'a.cjs:1 fs-extra',
      'b.ts:1 json5',
      'b.ts:2 yup (type)',
      'c.jsx:1 classnames',
      'd.tsx:2 clsx',
    ])
  })

  it('refuses a file nested beyond the lexer limit with SOURCE_NESTING_TOO_DEEP (exit 3)', async () => {
    const dir = await pkg('javascript', [], [], {'deep.js': `require('x')\nconst t = ${'`${'.repeat(5000)}${'}`'.repeat(5000)}\n`})
    const result = await aigogo(['scan', '--json'], {cwd: dir, home})
    expect(result.exitCode).toBe(3)
    const error = jsonError(result)
    expect(error.code).toBe('SOURCE_NESTING_TOO_DEEP')
    expect(error.message).toContain('deep.js:2')
    expect(error.hints.join('\n')).toContain('exclude it')
  })

  it('reads installed Python versions from the package .venv interpreter', async () => {
    const dir = await pkg('python', [], [], {'app.py': 'import fakedist_mod\n'})
    // A real venv with a real dist-info: importlib.metadata finds it like any installed package.
    const {execFileSync} = await import('node:child_process')
    execFileSync('python3', ['-m', 'venv', '--without-pip', join(dir, '.venv')])
    const site = execFileSync(join(dir, '.venv', 'bin', 'python'), ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'], {encoding: 'utf8'}).trim()
    await mkdir(join(site, 'fakedist-1.4.2.dist-info'), {recursive: true})
    await writeFile(join(site, 'fakedist-1.4.2.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: fakedist\nVersion: 1.4.2\n')
    await writeFile(join(site, 'fakedist-1.4.2.dist-info', 'top_level.txt'), 'fakedist_mod\n')
    await writeFile(join(site, 'fakedist_mod.py'), '')
    const result = await aigogo(['scan', '--json'], {cwd: dir, home})
    expect(result.stderr).toBe('')
    const scan = JSON.parse(result.stdout) as {packages: Array<{package: string; installed?: string; suggestion?: {version: string}}>}
    expect(scan.packages).toMatchObject([{installed: '1.4.2', package: 'fakedist', suggestion: {version: '>=1.4.2,<2'}}])
  })
})

describe('aigogo show-deps', () => {
  const runtime = [
    {package: 'requests', version: '>=2.28.0, <3'},
    {package: 'rich', optional: true, version: '^13.7'},
    {package: 'odd"name', version: '==1.0'},
  ]
  const dev = [{package: 'pytest', version: '^7.0.0'}]

  it('renders pyproject groups that a TOML parser reads back as valid PEP 508 requirements', async () => {
    const dir = await pkg('python', runtime, dev, {})
    const result = await aigogo(['show-deps', dir, '--format', 'pep621'], {home})
    expect(result.exitCode).toBe(0)
    const doc = parseToml(result.stdout) as {project: {'requires-python': string; 'optional-dependencies': Record<string, string[]>}}
    expect(doc.project['requires-python']).toBe('>=3.9,<4')
    expect(doc.project['optional-dependencies']).toEqual({
      aigogo: ['requests>=2.28.0,<3', 'rich>=13.7,<14', 'odd"name==1.0'],
      'aigogo-dev': ['pytest>=7.0.0,<8'],
    })
  })

  it('renders Poetry groups that a TOML parser reads back', async () => {
    const dir = await pkg('python', runtime, dev, {})
    const result = await aigogo(['show-deps', join(dir, 'aigogo.json'), '--format', 'poetry'], {home})
    const doc = parseToml(result.stdout) as {tool: {poetry: {dependencies: unknown; group: Record<string, {dependencies: unknown}>}}}
    expect(doc.tool.poetry.dependencies).toEqual({python: '>=3.9,<4'})
    expect(doc.tool.poetry.group.aigogo?.dependencies).toEqual({'odd"name': '==1.0', requests: '>=2.28.0, <3', rich: {optional: true, version: '^13.7'}})
    expect(doc.tool.poetry.group['aigogo-dev']?.dependencies).toEqual({pytest: '^7.0.0'})
  })

  it('renders requirements.txt with runtime dependencies only', async () => {
    const dir = await pkg('python', runtime, dev, {})
    const result = await aigogo(['show-deps', dir, '--format', 'pip'], {home})
    expect(result.stdout.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['requests>=2.28.0,<3', 'rich>=13.7,<14', 'odd"name==1.0'])
  })

  it('turns npm-style ranges into PEP 440 that pip\'s parser accepts, and refuses what has no PEP 440 form', async () => {
    const npmStyle = [
      {package: 'a', version: '1.x'},
      {package: 'b', version: '1.2.x'},
      {package: 'c', version: '>=1.2 <2'},
      {package: 'd', version: 'x'},
    ]
    const dir = await pkg('python', npmStyle, [], {})
    const result = await aigogo(['show-deps', dir, '--format', 'requirements'], {home})
    expect(result.exitCode).toBe(0)
    const lines = result.stdout.split('\n').filter((l) => l && !l.startsWith('#'))
    expect(lines).toEqual(['a>=1,<2', 'b>=1.2,<1.3', 'c>=1.2,<2', 'd'])
    // The real parser pip uses: every line must be a PEP 508 requirement.
    const parsed = await execa('python3', ['-c', 'import sys\nfrom pip._vendor.packaging.requirements import Requirement\nfor line in sys.stdin.read().split():\n    print(Requirement(line))'], {input: lines.join('\n')})
    expect(parsed.stdout.split('\n')).toHaveLength(4)
    for (const version of ['1.2 || 2.0', '1.2.3 - 2.0.0', 'next']) {
      const refusing = await pkg('python', [{package: 'e', version}], [], {})
      for (const format of ['requirements', 'pyproject']) {
        const refused = await aigogo(['show-deps', refusing, '--format', format, '--json'], {home})
        expect([refused.exitCode, jsonError(refused).code, refused.stdout]).toEqual([3, 'VERSION_NOT_PEP440', ''])
      }
    }
  })

  it('renders an npm fragment that JSON.parse reads back, and yarn and pnpm commands', async () => {
    const dir = await pkg('javascript', [{package: 'express', version: '^4.18.0'}, {package: 'lodash', version: '>=4.0.0,<5'}], [{package: 'jest', version: '*'}], {})
    const npm = JSON.parse((await aigogo(['show-deps', dir, '--format', 'npm'], {home})).stdout) as unknown
    expect(npm).toEqual({
      aigogo: {managedDependencies: ['express', 'lodash'], managedDevDependencies: ['jest']},
      dependencies: {express: '^4.18.0', lodash: '>=4.0.0 <5'},
      devDependencies: {jest: '*'},
    })
    const pnpm = (await aigogo(['show-deps', dir, '--format', 'pnpm'], {home})).stdout
    expect(pnpm).toContain('pnpm add "express@^4.18.0" "lodash@>=4.0.0 <5"\npnpm add --save-dev "jest@*"')
    const yarn = (await aigogo(['show-deps', dir, '--format', 'yarn'], {home})).stdout
    expect(yarn).toContain('yarn add --dev "jest@*"')
  })

  it('prints the upstream text layout, and returns the rendering with --json', async () => {
    const dir = await pkg('python', runtime.slice(0, 1), dev, {})
    const text = await aigogo(['show-deps', dir], {home})
    expect(text.stdout).toBe('Package: my-utils\nVersion: 0.1.0\nLanguage: python >=3.9,<4\n\nRuntime Dependencies (1):\n  • requests >=2.28.0, <3\n\nDevelopment Dependencies (1):\n  • pytest ^7.0.0')
    const json = JSON.parse((await aigogo(['show-deps', dir, '--format', 'requirements', '--json'], {home})).stdout) as {format: string; output: string}
    expect(json.format).toBe('requirements')
    expect(json.output).toContain('requests>=2.28.0,<3')
  })

  it('refuses a format for another language and an unknown format (exit 1)', async () => {
    const dir = await pkg('javascript', [], [], {})
    const wrong = await aigogo(['show-deps', dir, '--format', 'poetry', '--json'], {home})
    expect([wrong.exitCode, jsonError(wrong).code]).toEqual([1, 'FORMAT_LANGUAGE_MISMATCH'])
    const unknown = await aigogo(['show-deps', dir, '--format', 'cargo', '--json'], {home})
    expect([unknown.exitCode, jsonError(unknown).code]).toEqual([1, 'UNSUPPORTED_FORMAT'])
  })
})
