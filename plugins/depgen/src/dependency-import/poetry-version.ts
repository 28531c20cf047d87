/**
 * A Poetry dependency value as a PEP 440 constraint: "^1.2" -> ">=1.2,<2", {version, optional}
 * tables read, git/path/url sources reported as skipped (they have no version to record).
 */
import {toPep440} from '../show-deps/pep440.js'

export function poetryVersion(spec: unknown): {version: string; optional?: boolean} | {skip: string} {
  if (typeof spec === 'string') return {version: toPep440(spec) || '*'}
  if (Array.isArray(spec)) return {skip: 'multiple-constraint dependency (a list of tables): declare it by hand'}
  if (typeof spec === 'object' && spec !== null) {
    const table = spec as Record<string, unknown>
    if (typeof table.version === 'string') return {optional: table.optional === true || undefined, version: toPep440(table.version) || '*'}
    for (const source of ['git', 'path', 'url']) if (typeof table[source] === 'string') return {skip: `${source} dependency (${String(table[source])})`}
  }
  return {skip: 'no version'}
}
