import type {DependencyValidator} from '@aigogo/sdk/core'

import {depgenScanner} from '../scanner.js'
import {validateDependencies} from '../validate/validate.js'

const validator: DependencyValidator = {
  // Callers pass every provided language's scanner; alone, depgen knows its own languages.
  validate: ({dir, files, manifest, scanners}) => validateDependencies({dir, files, manifest, scanners: scanners ?? [depgenScanner]}),
}

export default validator
