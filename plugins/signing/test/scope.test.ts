/** Trust policy scopes: the glob rules and "most specific wins", on the compiled module. */
import {describe, expect, it} from 'vitest'

import {mostSpecific, parseScope, scopeMatches, type Scope} from '../dist/policy/scope.js'

const scope = (text: string): Scope => {
  const parsed = parseScope(text)
  if (typeof parsed === 'string') throw new Error(`${text}: ${parsed}`)
  return parsed
}

describe('trust scopes', () => {
  it('matches exact repositories, one level with *, any depth with **, and everything with *', () => {
    const cases: Array<[string, string, string, boolean]> = [
      ['ghcr.io/acme/tools', 'ghcr.io', 'acme/tools', true],
      ['ghcr.io/acme/tools', 'ghcr.io', 'acme/tools/x', false],
      ['ghcr.io/acme/*', 'ghcr.io', 'acme/tools', true],
      ['ghcr.io/acme/*', 'ghcr.io', 'acme/ml/utils', false],
      ['ghcr.io/acme/*', 'ghcr.io', 'acme', false],
      ['ghcr.io/acme/*', 'ghcr.io', 'acmecorp/tools', false],
      ['ghcr.io/acme/**', 'ghcr.io', 'acme/ml/utils', true],
      ['ghcr.io/acme/**', 'ghcr.io', 'acme', false],
      ['ghcr.io/**', 'ghcr.io', 'anyone/anything', true],
      ['ghcr.io/**', 'ghcr.io.evil.com', 'anyone/anything', false],
      ['ghcr.io/**', 'GHCR.IO', 'a/b', true],
      ['localhost:5000/team/*', 'localhost:5000', 'team/pkg', true],
      ['localhost:5000/team/*', 'localhost:5001', 'team/pkg', false],
      ['*', 'example.com', 'x/y', true],
    ]
    for (const [text, registry, repository, expected] of cases) expect(scopeMatches(scope(text), registry, repository), `${text} ~ ${registry}/${repository}`).toBe(expected)
  })

  it('applies the most specific matching scope', () => {
    const entries = ['*', 'ghcr.io/**', 'ghcr.io/acme/**', 'ghcr.io/acme/*', 'ghcr.io/acme/tools'].map((text) => ({scope: scope(text)}))
    const winner = (repository: string) => mostSpecific(entries, 'ghcr.io', repository)?.scope.text
    expect(winner('acme/tools')).toBe('ghcr.io/acme/tools')
    expect(winner('acme/other')).toBe('ghcr.io/acme/*')
    expect(winner('acme/ml/utils')).toBe('ghcr.io/acme/**')
    expect(winner('someone/else')).toBe('ghcr.io/**')
    expect(mostSpecific(entries, 'docker.io', 'library/x')?.scope.text).toBe('*')
    expect(mostSpecific([{scope: scope('ghcr.io/acme/*')}], 'ghcr.io', 'other/x')).toBeUndefined()
  })

  it('explains why a text is not a scope', () => {
    for (const text of ['', 'ghcr.io', 'ghcr.io/', 'ghcr.io/a/*/b', 'ghcr.io/a*', '*/x', 'ghcr.io/**/x', 'Ghcr.io/x', 'ghcr.io/A', 'ghcr.io/a..b', '**']) {
      expect(typeof parseScope(text), JSON.stringify(text)).toBe('string')
    }
  })
})
