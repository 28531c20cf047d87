/**
 * depgen's scanner for Python and JavaScript/TypeScript, behind its "language:python" and
 * "language:javascript" providers (src/languages/). Files are routed by extension; the
 * JavaScript lexer is loaded only when there is a JavaScript/TypeScript file to read.
 */
import type {ImportUse, LanguageScanner} from '@aigogo/sdk/core'

import {extname} from 'node:path'

import {JAVASCRIPT_EXTENSIONS} from './javascript/extensions.js'
import {PYTHON_EXTENSIONS, scanPythonFiles} from './python/scanner.js'

export const depgenScanner: LanguageScanner = {
  extensions: [...PYTHON_EXTENSIONS, ...JAVASCRIPT_EXTENSIONS],
  languages: ['python', 'javascript'],
  async scan({dir, files, language, packageName}): Promise<ImportUse[]> {
    const wanted = (lang: string): boolean => language === undefined || language === lang
    const python = wanted('python') ? files.filter((f) => PYTHON_EXTENSIONS.includes(extname(f) as never)) : []
    const javascript = wanted('javascript') ? files.filter((f) => JAVASCRIPT_EXTENSIONS.includes(extname(f) as never)) : []
    const uses = await scanPythonFiles(dir, python, packageName)
    if (javascript.length > 0) {
      const {scanJavaScriptFiles} = await import('./javascript/scanner.js')
      uses.push(...(await scanJavaScriptFiles(dir, javascript, packageName)))
    }
    return uses
  },
}

