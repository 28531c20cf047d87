/**
 * imports' facet of Python as a "language:python" provider: how installed packages are wired
 * into a project (the aigogo namespace under .aigogo/imports and a .pth in the interpreter's
 * site-packages). It delegates to the wiring code, loaded only when an install or uninstall runs.
 */
import type {LanguageSupport} from '@aigogo/sdk/core'

const python: LanguageSupport = {
  name: 'python',
  wiring: {
    async install(input) {
      return (await import('../wiring/python-language.js')).wirePython(input)
    },
    async uninstall(input) {
      return (await import('../wiring/python-language.js')).unwirePython(input)
    },
  },
}

export default python
