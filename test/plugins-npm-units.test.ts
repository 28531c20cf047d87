/**
 * The pure rules of npm plugins, called directly: which specs are accepted, how npm's failures
 * become coded errors, and that nothing credential-like from npm's stderr reaches an error.
 */
import {AigogoError} from '@aigogo/sdk'
import {describe, expect, it} from 'vitest'

import {npmFailure, scrubbedTail} from '../src/host/npm-run.js'
import {checkNpmName, parseNpmSpec, withoutCredentials} from '../src/host/npm-spec.js'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return AigogoError.is(error) ? error.code : `not coded: ${String(error)}`
  }
  return undefined
}

describe('npm plugin specs', () => {
  it('accepts names, scoped names, versions, ranges, dist-tags and http(s) tarball URLs', () => {
    expect(parseNpmSpec('aigogo-plugin-greet')).toEqual({kind: 'registry', name: 'aigogo-plugin-greet', range: 'latest'})
    expect(parseNpmSpec('@acme/aigogo-plugin-greet@^1.2')).toEqual({kind: 'registry', name: '@acme/aigogo-plugin-greet', range: '^1.2', scope: 'acme'})
    expect(parseNpmSpec('@acme/greet@next')).toMatchObject({range: 'next'})
    expect(parseNpmSpec('greet@v1.2.3')).toMatchObject({range: '1.2.3'})
    expect(parseNpmSpec('greet@1.0.0', '~2.1')).toMatchObject({range: '~2.1'})
    expect(parseNpmSpec('https://example.com/a/greet-1.0.0.tgz')).toEqual({kind: 'remote', url: 'https://example.com/a/greet-1.0.0.tgz'})
  })

  it('refuses every other spec form and names that could leave node_modules, as usage errors', () => {
    for (const bad of ['', '@acme', '@acme/', '@/x', '@acme/../x', '../x', './x', '/abs', '.hidden', '_private', 'Upper', 'a b', 'node_modules',
      'x'.repeat(215), 'git+https://github.com/a/b.git', 'github:a/b', 'file:../x', 'greet@file:../x', 'alias@npm:other@1', 'greet@1.0.0 || $(rm)', 'greet@']) {
      expect([bad, codeOf(() => parseNpmSpec(bad))]).toEqual([bad, 'PLUGIN_SPEC_INVALID'])
    }
    expect(codeOf(() => parseNpmSpec('https://me:pw@example.com/x.tgz'))).toBe('PLUGIN_SPEC_INVALID')
    expect(codeOf(() => parseNpmSpec('https://example.com/x.tgz', '1.0.0'))).toBe('PLUGIN_SPEC_INVALID')
    // A name read from an installed package.json is untrusted data: NAME_INVALID, exit 3.
    expect(codeOf(() => checkNpmName('../../etc', 'untrusted'))).toBe('NAME_INVALID')
  })

  it('strips credentials from a registry URL', () => {
    expect(withoutCredentials('https://user:s3cret@npm.acme.example/repo/')).toBe('https://npm.acme.example/repo/')
    expect(withoutCredentials('http://127.0.0.1:4873/')).toBe('http://127.0.0.1:4873/')
  })
})

describe('npm failures', () => {
  const tail = (code: string, extra = ''): string => `npm error code ${code}\nnpm error something went wrong${extra}\nnpm error A complete log of this run can be found in: /home/u/.npm/_logs/x.log\n`

  it('maps npm\'s error code to a coded error', () => {
    const cases: [string, string, number][] = [
      ['E404', 'PLUGIN_NOT_FOUND', 1],
      ['ETARGET', 'PLUGIN_VERSION_NOT_FOUND', 1],
      ['E401', 'PLUGIN_FETCH_UNAUTHORIZED', 1],
      ['ENEEDAUTH', 'PLUGIN_FETCH_UNAUTHORIZED', 1],
      ['ECONNREFUSED', 'PLUGIN_FETCH_FAILED', 3],
      ['ENOTFOUND', 'PLUGIN_FETCH_FAILED', 3],
      ['ETIMEDOUT', 'PLUGIN_FETCH_FAILED', 3],
      ['EINTEGRITY', 'NPM_FAILED', 3],
    ]
    for (const [npmCode, code, exit] of cases) {
      const error = npmFailure(tail(npmCode), 'installing x', 1) as AigogoError
      expect([npmCode, error.code, error.exit]).toEqual([npmCode, code, exit])
    }
    expect((npmFailure('segfault\n', 'installing x', 139) as AigogoError).code).toBe('NPM_FAILED')
  })

  it('keeps only the tail of npm\'s stderr, with tokens, passwords and userinfo masked', () => {
    const stderr = [
      ...Array.from({length: 30}, (_, i) => `npm verbose line ${i}`),
      'npm error //registry.acme.example/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789',
      'npm error _auth = dXNlcjpwYXNz',
      'npm error Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.secret',
      'npm error GET https://alice:hunter2@registry.acme.example/@acme%2fgreet',
      'npm error token npm_ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210',
    ].join('\n')
    const shown = scrubbedTail(stderr)
    expect(shown.split('\n')).toHaveLength(12)
    expect(shown).not.toContain('npm verbose line 0')
    for (const secret of ['npm_abcdefghij', 'dXNlcjpwYXNz', 'eyJhbGciOiJIUzI1NiJ9', 'hunter2', 'npm_ZYXWV']) expect(shown).not.toContain(secret)
    const error = npmFailure(`npm error code EFOO\n${stderr}`, 'installing x', 1) as AigogoError
    expect(error.code).toBe('NPM_FAILED')
    expect(error.message).not.toContain('hunter2')
    expect(error.message).not.toContain('npm_abcdefghij')
  })
})
