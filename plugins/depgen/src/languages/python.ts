/**
 * depgen's facets of Python as a "language:python" provider: its import scanner and its show-deps
 * formats. Both delegate to depgen's own code, loaded only when used.
 */
import type {LanguageSupport} from '@aigogo/sdk/core'

import {renderPoetry, renderPyproject, renderRequirements} from '../show-deps/render-python.js'

const python: LanguageSupport = {
  dependencyFormats: {poetry: renderPoetry, pyproject: renderPyproject, requirements: renderRequirements},
  name: 'python',
  async scan(input) {
    const {depgenScanner} = await import('../scanner.js')
    return depgenScanner.scan({...input, language: 'python'})
  },
}

export default python
