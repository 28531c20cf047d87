/**
 * What the local Python environment has installed: distribution versions, and which
 * distributions provide a top-level module (importlib.metadata.packages_distributions, 3.10+).
 * The interpreter is the package's .venv if it has one, else $VIRTUAL_ENV's, else python3.
 * Its listing is kept while nothing it was read from changes (python-cache.ts), so the
 * interpreter is started only for a new or changed environment.
 */
import {aigogoDirs} from '@aigogo/sdk/core'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {cacheSlot, keepListing, readCachedListing} from './python-cache.js'
import {type PythonListing, runListing} from './python-listing.js'

export interface PythonEnvironment {
  /** normalised distribution name -> version */
  versions: Record<string, string>
  /** top-level module -> distributions that provide it */
  providers: Record<string, string[]>
}

export function pythonInterpreter(dir: string): string {
  for (const candidate of [join(dir, '.venv', 'bin', 'python'), process.env.VIRTUAL_ENV && join(process.env.VIRTUAL_ENV, 'bin', 'python')]) {
    if (candidate && existsSync(candidate)) return candidate
  }
  return 'python3'
}

const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-')

/** The part of the environment a scan asks about: the wanted distributions' versions, the wanted modules' providers and theirs. */
function answer(listing: PythonListing, query: {dists: string[]; modules: string[]}): PythonEnvironment {
  const versions: Record<string, string> = {}
  const providers: Record<string, string[]> = {}
  for (const dist of query.dists.map(normalize)) {
    const version = Object.hasOwn(listing.versions, dist) ? listing.versions[dist] : undefined
    if (version !== undefined) versions[dist] = version
  }
  for (const module of query.modules) {
    const found = Object.hasOwn(listing.providers, module) ? listing.providers[module] : undefined
    if (found === undefined) continue
    providers[module] = found
    for (const name of found) {
      const key = normalize(name)
      const version = Object.hasOwn(listing.versions, key) ? listing.versions[key] : undefined
      if (version !== undefined && !(key in versions)) versions[key] = version
    }
  }
  return {providers, versions}
}

/** Empty when no interpreter runs: the versions are a convenience, never a requirement. */
export async function pythonEnvironment(dir: string, query: {dists: string[]; modules: string[]}): Promise<PythonEnvironment> {
  const interpreter = pythonInterpreter(dir)
  const slot = cacheSlot(interpreter, aigogoDirs(), dir)
  let listing = slot && readCachedListing(slot)
  if (!listing) {
    const run = await runListing(interpreter, slot?.watchAlso ?? [], slot?.runEnv)
    if (!run) return {providers: {}, versions: {}}
    if (slot) await keepListing(slot, run)
    listing = run
  }
  return answer(listing, query)
}
