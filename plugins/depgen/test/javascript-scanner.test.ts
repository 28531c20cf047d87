import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {packageOfSpecifier, typesPackageOf} from '../src/javascript/packages.js'
import {scanJavaScriptSource} from '../src/javascript/scanner.js'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'javascript')

function scan(fixture: string, packageName = 'my-package') {
  return scanJavaScriptSource(readFileSync(join(FIXTURES, fixture), 'utf8'), fixture, packageName)
}

const summary = (fixture: string): string[] => scan(fixture).map((u) => `${u.package}${u.typeOnly ? ' (type)' : ''}`)

describe('javascript/typescript scanner', () => {
  it('reads static imports, side-effect imports and export-from, reducing subpaths to the package', () => {
    expect(summary('esm.mjs')).toEqual(['express', 'lodash', '@scope/polyfill', 'zod', 'chalk', '@scope/pkg'])
    expect(scan('esm.mjs').map((u) => u.module)).toContain('lodash/fp')
  })

  it('reads require() with a string or plain template literal, never text in strings, templates or comments', () => {
    expect(summary('commonjs.cjs')).toEqual(['axios', 'dayjs'])
  })

  it('reports import type, all-type named imports, type re-exports and import() types as type-only', () => {
    expect(summary('types.ts')).toEqual([
      'express-serve-static-core (type)',
      'yup (type)',
      'cosmiconfig',
      'koa',
      'prettier (type)',
      'vite',
      'react (type)',
      'node-fetch',
      'legacy-types (type)',
      'marked',
    ])
    const typeOnly = scan('types.ts').find((u) => u.package === 'yup')
    expect(typeOnly?.alternatives).toEqual(['@types/yup'])
  })

  it('parses TSX and JSX without counting text in attributes or children', () => {
    expect(summary('component.tsx')).toEqual(['react', '@emotion/styled', 'react (type)'])
    expect(summary('jsx.jsx')).toEqual(['prop-types'])
  })

  it('gives the line of each import', () => {
    expect(scan('types.ts').find((u) => u.package === 'marked')?.line).toBe(14)
  })

  it('leaves out the package itself', () => {
    expect(scan('esm.mjs', 'express').map((u) => u.package)).not.toContain('express')
  })

  it('maps specifiers to packages, skipping builtins, node: and other schemes, paths and # imports', () => {
    expect(packageOfSpecifier('lodash/fp')).toBe('lodash')
    expect(packageOfSpecifier('@scope/pkg/sub/deep')).toBe('@scope/pkg')
    for (const skipped of ['fs', 'fs/promises', 'node:test', 'node:fs/promises', 'assert/strict', './x', '../y', '/abs', '#internal', 'https://esm.sh/x', 'data:text/javascript,0', '@scope']) {
      expect(packageOfSpecifier(skipped), skipped).toBeUndefined()
    }
    expect(typesPackageOf('@babel/core')).toBe('@types/babel__core')
  })
})
