/**
 * Which PyPI distribution provides an imported module. The import name often differs
 * (yaml -> PyYAML, sklearn -> scikit-learn); the table lives in assets/python/import-names.json
 * so it can grow without code changes.
 */
import {assetJson} from '../data/assets.js'

interface ImportNames {
  modules: Record<string, string | string[]>
  namespaces: Record<string, number>
}

let stdlib: Set<string> | undefined

export function isStdlib(topLevel: string): boolean {
  stdlib ??= new Set(assetJson<{modules: string[]}>('python/stdlib.json').modules)
  return stdlib.has(topLevel)
}

/** PEP 503 normalisation: names that differ only in case and -_. runs are the same project. */
export function normalizeDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

export interface Resolved {
  /** The part of the dotted path that names the distribution ("yaml", "google.cloud.storage"). */
  module: string
  distribution: string
  /** Other distributions that provide the same module (psycopg2-binary for psycopg2). */
  alternatives: string[]
}

/** Maps a dotted module path to its distribution: explicit table (longest prefix), then namespace rule, then the top-level name. */
export function resolveDistribution(dotted: string): Resolved {
  const {modules, namespaces} = assetJson<ImportNames>('python/import-names.json')
  const parts = dotted.split('.')
  for (let k = parts.length; k >= 1; k -= 1) {
    const key = parts.slice(0, k).join('.')
    const entry = modules[key]
    if (entry) {
      const [distribution, ...alternatives] = Array.isArray(entry) ? entry : [entry]
      return {alternatives, distribution: distribution as string, module: key}
    }
  }
  for (let k = parts.length - 1; k >= 1; k -= 1) {
    const width = namespaces[parts.slice(0, k).join('.')]
    if (width !== undefined) {
      const taken = parts.slice(0, Math.min(width, parts.length))
      return {alternatives: [], distribution: taken.join('-'), module: taken.join('.')}
    }
  }
  const top = parts[0] as string
  return {alternatives: [], distribution: top, module: top}
}

/** True when a dotted prefix is a namespace package whose distribution is named by deeper parts. */
export function isNamespacePrefix(dotted: string): boolean {
  const {namespaces} = assetJson<ImportNames>('python/import-names.json')
  const width = namespaces[dotted]
  return width !== undefined && width > dotted.split('.').length
}
