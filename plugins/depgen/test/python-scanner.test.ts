import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {ownModules, scanPythonSource} from '../src/python/scanner.js'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'python')

function scan(fixture: string, own: Iterable<string> = []) {
  return scanPythonSource(readFileSync(join(FIXTURES, fixture), 'utf8'), fixture, new Set(own))
}

const packages = (fixture: string, own: Iterable<string> = []): string[] => scan(fixture, own).map((u) => u.package)

describe('python scanner', () => {
  it('never counts text inside strings, docstrings, bytes or comments', () => {
    expect(packages('strings-and-comments.py')).toEqual(['requests'])
  })

  it('finds the end of f-strings with nested quotes, format specs and escaped braces', () => {
    expect(packages('fstrings.py')).toEqual(['httpx', 'attrs'])
  })

  it('reads parenthesised and backslash-continued imports, aliases and several modules per statement', () => {
    const uses = scan('multiline.py')
    expect(uses.map((u) => [u.package, u.line])).toEqual([
      ['scikit-learn', 1],
      ['numpy', 5],
      ['pandas', 5],
      ['Pillow', 7],
      ['PyYAML', 9],
    ])
  })

  it('marks TYPE_CHECKING imports type-only and try/except imports optional, and finds nested imports', () => {
    const uses = scan('conditional.py')
    const by = Object.fromEntries(uses.map((u) => [u.package, u]))
    expect(Object.keys(by)).toEqual(['mypy_boto3_s3', 'typing-extensions', 'boto3', 'ujson', 'tomli', 'opencv-python', 'beautifulsoup4', 'lxml'])
    expect(by.mypy_boto3_s3?.typeOnly).toBe(true)
    expect(by['typing-extensions']?.typeOnly).toBe(true)
    expect(by.boto3?.typeOnly).toBeUndefined()
    expect(by.ujson?.optional).toBe(true)
    expect(by.tomli?.optional).toBeUndefined()
    expect(by['opencv-python']?.line).toBe(24)
    expect(by['opencv-python']?.alternatives).toContain('opencv-python-headless')
  })

  it('skips relative imports, the package own modules and the standard library of Python 3.8 to 3.13', () => {
    const own = ownModules(['mypkg/__init__.py', 'mypkg/core.py', 'src/other/x.py', 'README.md'], 'my-utils')
    expect([...own].sort()).toEqual(['my_utils', 'mypkg', 'other', 'src'])
    expect(packages('relative-and-own.py', own)).toEqual(['click'])
  })

  it('names distributions of namespace packages by their full path', () => {
    expect(packages('namespaces.py')).toEqual([
      'google-cloud-storage',
      'google-cloud-bigquery',
      'protobuf',
      'azure-storage-blob',
      'azure-identity',
      'zope-interface',
      'ruamel.yaml',
    ])
  })

  it('handles CRLF line endings and tab indentation', () => {
    expect(scan('crlf-tabs.py').map((u) => [u.package, u.line])).toEqual([
      ['requests', 1],
      ['flask', 3],
      ['django', 4],
    ])
  })

  it('recovers after an unterminated string at the end of its line', () => {
    expect(packages('unterminated.py')).toEqual(['first', 'second'])
  })

  it('agrees with the standard library list of the python3 on this machine', async () => {
    const {execFileSync} = await import('node:child_process')
    const names = JSON.parse(execFileSync('python3', ['-c', 'import sys, json; print(json.dumps(sorted(sys.stdlib_module_names)))'], {encoding: 'utf8'})) as string[]
    const source = names.filter((n) => /^[A-Za-z_]\w*$/.test(n)).map((n) => `import ${n}`).join('\n')
    expect(scanPythonSource(source, 'all.py', new Set())).toEqual([])
  })
})
