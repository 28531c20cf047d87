import type {LanguageScanner, PackageManifest} from '@aigogo/sdk'

import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import validator from '../src/capabilities/dependency-validator.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'depgen-validator-'))
})
afterEach(() => rm(dir, {force: true, recursive: true}))

const manifest = (language: PackageManifest['language']['name'], runtime: Array<{package: string; version: string}>, dev: Array<{package: string; version: string}> = []): PackageManifest => ({
  dependencies: {dev, runtime},
  files: {include: 'auto'},
  language: {name: language, version: '1'},
  name: 'pkg',
  version: '0.1.0',
})

describe('dependency validator', () => {
  it('uses a third-party scanner passed in for a language depgen does not know', async () => {
    await writeFile(join(dir, 'main.go'), 'package main\nimport "github.com/spf13/cobra"\n')
    const goScanner: LanguageScanner = {
      extensions: ['.go'],
      languages: ['go'],
      async scan({files}) {
        return files.map((file) => ({file, line: 2, module: 'github.com/spf13/cobra', package: 'github.com/spf13/cobra'}))
      },
    }
    const report = await validator.validate({dir, files: ['main.go', 'README.md'], manifest: manifest('go', []), scanners: [goScanner]})
    expect(report.missing).toEqual([{files: ['main.go:2'], package: 'github.com/spf13/cobra'}])
    expect(report.ok).toBe(false)
  })

  it('passes with a warning, not a false failure, when no scanner knows the language', async () => {
    const report = await validator.validate({dir, files: ['lib.rs'], manifest: manifest('rust', [{package: 'serde', version: '1'}])})
    expect(report.ok).toBe(true)
    expect(report.warnings).toEqual(['no language scanner for rust: dependencies were not checked'])
  })

  it('treats a value import declared only as dev as missing, and optional imports as suggestions', async () => {
    await writeFile(join(dir, 'app.py'), 'import requests\ntry:\n    import orjson\nexcept ImportError:\n    orjson = None\n')
    const report = await validator.validate({dir, files: ['app.py'], manifest: manifest('python', [], [{package: 'requests', version: '>=2'}])})
    expect(report.missing.map((m) => m.package)).toEqual(['requests'])
    expect(report.optional).toEqual([{files: ['app.py:3'], package: 'orjson'}])
  })

  it('warns about runtime dependencies without a version or pinned exactly', async () => {
    await writeFile(join(dir, 'a.js'), "require('a'); require('b'); require('c')\n")
    const report = await validator.validate({dir, files: ['a.js'], manifest: manifest('javascript', [{package: 'a', version: '*'}, {package: 'b', version: '1.2.3'}, {package: 'c', version: '^1'}])})
    expect(report.ok).toBe(true)
    expect(report.warnings).toEqual(['a has no version constraint', 'b is pinned to exactly 1.2.3 (may conflict with other packages)'])
  })
})
