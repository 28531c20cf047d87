import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {parseLock, serializeLock} from '../src/lock/lock-file.js'
import {lockKeyFor, normalizeName, packageNameFromRef} from '../src/lock/names.js'
import {buildPackage, ok, useWorkAndHome} from './helpers/packages.js'

describe('lock names', () => {
  it('normalizes names like the upstream tool', () => {
    const cases: Record<string, string> = {'': '', '123pkg': '_123pkg', '@pkg': '__pkg', MyUtils: 'MyUtils', 'my-fancy.utils': 'my_fancy_utils', 'my-utils': 'my_utils', 'my.utils': 'my_utils', 'pkg@special': 'pkg_special'}
    for (const [input, expected] of Object.entries(cases)) expect(normalizeName(input)).toBe(expected)
  })

  it('derives package names from references and keys only python names', () => {
    expect(packageNameFromRef('docker.io/org/my-utils:1.0.0')).toBe('my-utils')
    expect(packageNameFromRef('registry.example.com/namespace/deep/path/pkg:v1')).toBe('pkg')
    expect(packageNameFromRef('my-utils')).toBe('my-utils')
    expect(lockKeyFor('my-utils', 'python')).toBe('my_utils')
    expect(lockKeyFor('my-utils', 'javascript')).toBe('my-utils')
    expect(lockKeyFor('pkgA', 'python')).toBe('pkgA')
    expect(lockKeyFor('pkgA', 'javascript')).toBe('pkga')
    expect(lockKeyFor('_My.Pkg~1', 'javascript')).toBe('my.pkg~1')
  })
})

describe('lock format', () => {
  const integrity = `sha256:${'a'.repeat(64)}`

  it('writes the upstream byte format: sorted keys, struct field order, Go escaping, trailing newline', () => {
    const text = serializeLock({packages: {zeta: {files: ['aigogo.json', 'z.py'], integrity, language: 'python', source: 'z:1', version: '1'}, alpha: {digest: 'sha256:b', files: null, integrity, language: 'javascript', source: 'r.io/a<b>&c:1', version: '2'}}, version: 1})
    expect(text).toBe(`{
  "version": 1,
  "packages": {
    "alpha": {
      "version": "2",
      "integrity": "${integrity}",
      "source": "r.io/a\\u003cb\\u003e\\u0026c:1",
      "language": "javascript",
      "files": null,
      "digest": "sha256:b"
    },
    "zeta": {
      "version": "1",
      "integrity": "${integrity}",
      "source": "z:1",
      "language": "python",
      "files": [
        "aigogo.json",
        "z.py"
      ]
    }
  }
}
`)
    expect(parseLock(text, 'aigogo.lock').packages.alpha?.source).toBe('r.io/a<b>&c:1')
  })

  it('reads a lock without packages as empty and refuses malformed entries with LOCK_CORRUPT', () => {
    expect(parseLock('{"version": 1}', 'x').packages).toEqual({})
    expect(() => parseLock('{"packages": {"a": {"source": "a:1", "language": "python", "integrity": "md5:1"}}}', 'x')).toThrow(/malformed integrity/)
    expect(() => parseLock('{"packages": [', 'x')).toThrow(expect.objectContaining({code: 'LOCK_CORRUPT'}))
  })

  it('reads the verified signer of an entry, and refuses one that is not a key id', () => {
    const entry = (signer: unknown): string => JSON.stringify({packages: {a: {integrity: `sha256:${'a'.repeat(64)}`, language: 'python', signer, source: 'h:5000/t/a:1'}}, version: 1})
    expect(parseLock(entry(`sha256:${'b'.repeat(64)}`), 'x').packages.a?.signer).toBe(`sha256:${'b'.repeat(64)}`)
    for (const bad of ['alice', 42, `sha256:${'B'.repeat(64)}`, '']) {
      expect(() => parseLock(entry(bad), 'x'), String(bad)).toThrow(expect.objectContaining({code: 'LOCK_CORRUPT', message: expect.stringContaining('"signer"')}))
    }
  })
})

describe('aigogo add <ref>', () => {
  const ws = useWorkAndHome('test')

  it('records a local build under its normalized key with files, integrity and source', async () => {
    await buildPackage(ws.home, join(ws.work, 'author'), {files: {'helpers.py': 'X = 1\n'}, name: 'my-utils', version: '1.2.0'})
    const project = join(ws.work, 'project')
    await mkdir(project)
    const result = ok(await aigogo(['add', 'my-utils:1.2.0', '--json'], {cwd: project, home: ws.home}))
    const added = JSON.parse(result.stdout) as {key: string; integrity: string}
    const lock = JSON.parse(await readFile(join(project, 'aigogo.lock'), 'utf8')) as {packages: Record<string, {files: string[]; source: string; version: string; integrity: string}>}
    expect(added.key).toBe('my_utils')
    expect(lock.packages.my_utils).toEqual({files: ['aigogo.json', 'helpers.py'], integrity: added.integrity, language: 'python', source: 'my-utils:1.2.0', version: '1.2.0'})
  })

  it('finds the lock in a parent directory', async () => {
    await buildPackage(ws.home, join(ws.work, 'author'), {files: {'a.py': ''}, name: 'a'})
    const project = join(ws.work, 'project')
    await mkdir(join(project, 'src', 'deep'), {recursive: true})
    await writeFile(join(project, 'aigogo.lock'), '{"version": 1, "packages": {}}\n')
    ok(await aigogo(['add', 'a:1.0.0'], {cwd: join(project, 'src', 'deep'), home: ws.home}))
    expect(JSON.parse(await readFile(join(project, 'aigogo.lock'), 'utf8')).packages.a.source).toBe('a:1.0.0')
  })

  it('refuses to replace a corrupt aigogo.lock and leaves it untouched', async () => {
    await buildPackage(ws.home, join(ws.work, 'author'), {files: {'a.py': ''}, name: 'a'})
    const project = join(ws.work, 'project')
    await mkdir(project)
    await writeFile(join(project, 'aigogo.lock'), '{"version": 1, "packages": {\n')
    const result = await aigogo(['add', 'a:1.0.0', '--json'], {cwd: project, home: ws.home})
    expect(result.exitCode).toBe(3)
    expect(jsonError(result).code).toBe('LOCK_CORRUPT')
    expect(await readFile(join(project, 'aigogo.lock'), 'utf8')).toBe('{"version": 1, "packages": {\n')
  })

  it('keeps the help of the author subcommands next to add <ref>', async () => {
    const result = ok(await aigogo(['add', '--help'], {home: ws.home}))
    expect(result.stdout).toContain('add file')
    expect(result.stdout).toContain('aigogo.lock')
  })
})
