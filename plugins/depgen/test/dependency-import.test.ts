import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {dependenciesFromPackageJson} from '../src/dependency-import/package-json.js'
import {parseRequirement} from '../src/dependency-import/pep508.js'
import {dependenciesFromPyproject} from '../src/dependency-import/pyproject.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'depgen-import-'))
})
afterEach(() => rm(dir, {force: true, recursive: true}))

async function file(name: string, text: string): Promise<string> {
  await writeFile(join(dir, name), text)
  return join(dir, name)
}

describe('dependency import', () => {
  it('splits PEP 508 requirements at the name, keeping every specifier, markers and URLs', () => {
    expect(parseRequirement('numpy<2.0,>=1.20')).toEqual({package: 'numpy', version: '<2.0,>=1.20'})
    expect(parseRequirement('requests[socks] >= 2.28, < 3')).toEqual({package: 'requests', version: '>=2.28,<3'})
    expect(parseRequirement('tomli>=1.1; python_version < "3.11"')).toEqual({package: 'tomli', version: '>=1.1; python_version < "3.11"'})
    expect(parseRequirement('click')).toEqual({package: 'click', version: '*'})
    expect(parseRequirement('pip @ https://example.org/pip.whl')).toEqual({package: 'pip', version: '@ https://example.org/pip.whl'})
  })

  it('reads PEP 621 dependencies, extras as optional runtime, dev-like extras and PEP 735 groups as dev, in file order', async () => {
    const path = await file('pyproject.toml', `
[project]
name = "x"
requires-python = ">=3.9"
dependencies = ["requests>=2.28,<3", "PyYAML"]
[project.optional-dependencies]
fast = ["orjson>=3"]
test = ["pytest>=7"]
docs = ["sphinx"]
[dependency-groups]
lint = ["ruff", {include-group = "test"}]
`)
    const result = await dependenciesFromPyproject(path)
    expect(result.format).toBe('pep621')
    expect(result.languageVersion).toBe('>=3.9')
    expect(result.runtime).toEqual([
      {package: 'requests', version: '>=2.28,<3'},
      {package: 'PyYAML', version: '*'},
      {optional: true, package: 'orjson', version: '>=3'},
    ])
    expect(result.dev.map((d) => d.package)).toEqual(['pytest', 'sphinx', 'ruff'])
  })

  it('reads Poetry tables, turning caret and tilde into PEP 440 and skipping git and path sources', async () => {
    const path = await file('pyproject.toml', `
[tool.poetry.dependencies]
python = "^3.10"
httpx = "^0.27.0"
rich = {version = "~13.7", optional = true}
mylib = {git = "https://example.org/mylib.git"}
[tool.poetry.group.dev.dependencies]
pytest = "^8.1"
[tool.poetry.group.ml.dependencies]
numpy = ">=1.26"
`)
    const result = await dependenciesFromPyproject(path)
    expect(result.format).toBe('poetry')
    expect(result.languageVersion).toBe('>=3.10,<4')
    expect(result.runtime).toEqual([
      {package: 'httpx', version: '>=0.27.0,<0.28'},
      {optional: true, package: 'rich', version: '>=13.7,<13.8'},
      {package: 'numpy', version: '>=1.26'},
    ])
    expect(result.dev).toEqual([{package: 'pytest', version: '>=8.1,<9'}])
    expect(result.skipped).toEqual([{package: 'mylib', reason: 'git dependency (https://example.org/mylib.git)'}])
  })

  it('refuses invalid TOML with its line and column', async () => {
    const path = await file('pyproject.toml', '[project]\ndependencies = ["a",\n  oops\n]\n')
    await expect(dependenciesFromPyproject(path)).rejects.toMatchObject({code: 'PYPROJECT_INVALID', message: expect.stringMatching(/pyproject\.toml:3:\d+/)})
  })

  it('refuses a pyproject without [project] or [tool.poetry], and a missing file', async () => {
    await expect(dependenciesFromPyproject(await file('pyproject.toml', '[tool.black]\nline-length = 100\n'))).rejects.toMatchObject({code: 'PYPROJECT_NO_DEPENDENCIES', exit: 3})
    await expect(dependenciesFromPyproject(join(dir, 'nope.toml'))).rejects.toMatchObject({code: 'PYPROJECT_NOT_FOUND', exit: 2})
  })

  it('reads package.json dependencies, optional and dev, and skips peers and non-registry sources', async () => {
    const path = await file('package.json', JSON.stringify({
      dependencies: {express: '^4.18.0', local: 'file:../local'},
      devDependencies: {vitest: '^3.0.0'},
      engines: {node: '>=20'},
      optionalDependencies: {fsevents: '^2.3.0'},
      peerDependencies: {react: '>=18'},
    }))
    const result = await dependenciesFromPackageJson(path)
    expect(result.runtime).toEqual([{package: 'express', version: '^4.18.0'}, {optional: true, package: 'fsevents', version: '^2.3.0'}])
    expect(result.dev).toEqual([{package: 'vitest', version: '^3.0.0'}])
    expect(result.languageVersion).toBe('>=20')
    expect(result.skipped?.map((s) => s.package)).toEqual(['local', 'react'])
  })

  it('refuses a package.json that is not valid JSON, naming the line', async () => {
    await expect(dependenciesFromPackageJson(await file('package.json', '{\n  "dependencies": {,}\n}'))).rejects.toMatchObject({code: 'PACKAGE_JSON_INVALID', exit: 3})
  })
})
