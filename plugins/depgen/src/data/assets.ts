/** The plugin's shipped data files (assets/), read once. */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const ASSETS = new URL('../../assets/', import.meta.url)

const cache = new Map<string, unknown>()

export function assetJson<T>(relativePath: string): T {
  const cached = cache.get(relativePath)
  if (cached !== undefined) return cached as T
  const value = JSON.parse(readFileSync(fileURLToPath(new URL(relativePath, ASSETS)), 'utf8')) as T
  cache.set(relativePath, value)
  return value
}
