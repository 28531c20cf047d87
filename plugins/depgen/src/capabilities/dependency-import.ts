import type {DependencyImport} from '@aigogo/sdk/core'

import {dependenciesFromPackageJson} from '../dependency-import/package-json.js'
import {dependenciesFromPyproject} from '../dependency-import/pyproject.js'

const dependencyImport: DependencyImport = {
  fromPackageJson: dependenciesFromPackageJson,
  fromPyproject: dependenciesFromPyproject,
}

export default dependencyImport
