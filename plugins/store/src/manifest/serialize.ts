/**
 * Writing aigogo.json: two-space JSON, a trailing newline, keys in upstream's struct order,
 * unknown keys kept after the known ones in their original order (upstream drops them).
 */
import type {PackageManifest} from '@aigogo/sdk/core'

const TOP_ORDER = ['$schema', 'name', 'version', 'description', 'author', 'language', 'dependencies', 'files', 'scripts', 'metadata', 'ai']
const NESTED_ORDER: Record<string, string[]> = {
  ai: ['summary', 'capabilities', 'usage', 'inputs', 'outputs'],
  files: ['include', 'exclude'],
  language: ['name', 'runtime', 'version'],
  metadata: ['license', 'homepage', 'tags', 'extra'],
}
const DEPENDENCY_ORDER = ['package', 'version', 'optional']

function ordered(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of order) if (value[key] !== undefined) out[key] = value[key]
  for (const [key, v] of Object.entries(value)) if (!(key in out) && v !== undefined) out[key] = v
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function orderManifest(manifest: PackageManifest): Record<string, unknown> {
  const top = ordered(manifest, TOP_ORDER)
  for (const [key, order] of Object.entries(NESTED_ORDER)) {
    if (isObject(top[key])) top[key] = ordered(top[key], order)
  }
  if (isObject(top.dependencies)) {
    const deps = ordered(top.dependencies, ['runtime', 'dev'])
    for (const kind of ['runtime', 'dev']) {
      if (Array.isArray(deps[kind])) deps[kind] = (deps[kind] as unknown[]).map((d) => (isObject(d) ? ordered(d, DEPENDENCY_ORDER) : d))
    }
    top.dependencies = deps
  }
  return top
}

export function serializeManifest(manifest: PackageManifest): string {
  return JSON.stringify(orderManifest(manifest), null, 2) + '\n'
}
