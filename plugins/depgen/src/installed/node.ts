/** The version of an npm package as Node would resolve it from the package: node_modules/<pkg>/package.json, walking up. */
import {readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

// Synchronous: mostly failed opens up the directory tree, each far cheaper than a thread-pool round trip.
export async function installedNodeVersion(dir: string, pkg: string): Promise<string | undefined> {
  let current = resolve(dir)
  for (;;) {
    try {
      const pjson = JSON.parse(readFileSync(join(current, 'node_modules', pkg, 'package.json'), 'utf8')) as {version?: unknown}
      if (typeof pjson.version === 'string') return pjson.version
    } catch {
      // not installed at this level: keep walking up, as Node's resolution does
    }
    const parent = dirname(current)
    if (parent === current) return undefined
    current = parent
  }
}
