/**
 * depgen's facets of JavaScript/TypeScript as a "language:javascript" provider: its import
 * scanner and its show-deps formats, delegating to depgen's own code, loaded only when used.
 */
import type {LanguageSupport} from '@aigogo/sdk/core'

import {renderNpm, renderPnpm, renderYarn} from '../show-deps/render-node.js'

const javascript: LanguageSupport = {
  dependencyFormats: {npm: renderNpm, pnpm: renderPnpm, yarn: renderYarn},
  name: 'javascript',
  async scan(input) {
    const {depgenScanner} = await import('../scanner.js')
    return depgenScanner.scan({...input, language: 'javascript'})
  },
}

export default javascript
