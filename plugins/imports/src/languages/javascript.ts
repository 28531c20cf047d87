/**
 * imports' facet of JavaScript/TypeScript as a "language:javascript" provider: installed
 * packages become @aigogo/<name> under .aigogo/imports, with the register scripts. It delegates
 * to the wiring code, loaded only when an install runs.
 */
import type {LanguageSupport} from '@aigogo/sdk/core'

const javascript: LanguageSupport = {
  name: 'javascript',
  wiring: {
    async install(input) {
      return (await import('../wiring/node-language.js')).wireNode(input)
    },
  },
}

export default javascript
