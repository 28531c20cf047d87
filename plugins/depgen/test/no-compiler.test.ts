/**
 * The TypeScript compiler (23 MB) is a build tool only: no published package depends on it and
 * no runtime source imports it. Checked with depgen's own scanner over the repository's sources.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'

import {REPO_ROOT} from '../../../test/helpers/cli.js'
import {scanJavaScriptSource} from '../src/javascript/scanner.js'

const PACKAGES = ['.', 'src/sdk', ...readdirSync(join(REPO_ROOT, 'plugins')).map((p) => `plugins/${p}`)]
const SOURCES = ['src', ...readdirSync(join(REPO_ROOT, 'plugins')).map((p) => `plugins/${p}/src`)]

function* typescriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* typescriptFiles(path)
    else if (entry.name.endsWith('.ts')) yield path
  }
}

describe('no compiler at runtime', () => {
  it('no package lists typescript among its dependencies', () => {
    for (const pkg of PACKAGES) {
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, pkg, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
        expect(Object.keys(manifest[field] ?? {}), `${pkg}/package.json ${field}`).not.toContain('typescript')
      }
    }
  })

  it('no runtime source under src/ or plugins/*/src imports typescript', () => {
    const users: string[] = []
    for (const root of SOURCES) {
      for (const file of typescriptFiles(join(REPO_ROOT, root))) {
        const rel = relative(REPO_ROOT, file)
        for (const use of scanJavaScriptSource(readFileSync(file, 'utf8'), rel, 'aigogo')) {
          if (use.package === 'typescript' && !use.typeOnly) users.push(`${use.file}:${use.line}`)
        }
      }
    }
    expect(users).toEqual([])
  })
})
