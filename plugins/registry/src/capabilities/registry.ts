/**
 * The "registry" capability: registry-wide search for other plugins (the MCP server), the same
 * bounded search `aigogo search` runs, returning structured results.
 */
import type {RegistryCapability} from '@aigogo/sdk/core'

import {searchPackages} from '../search/search.js'

const registry: RegistryCapability = {
  search: (options = {}) => searchPackages(options),
}

export default registry
