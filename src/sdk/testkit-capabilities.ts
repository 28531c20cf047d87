/**
 * Checks a plugin's declared capabilities the way the host will load them: each path in
 * package.json "aigogo.capabilities" must stay inside the plugin, import, have a default export,
 * and satisfy its contract.
 */
import {readFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'

import {declarationOf} from './capabilities.js'
import {isInside} from './names.js'
import {behaviourProblems, contractProblems, isCapabilityName} from './testkit-contracts.js'

export interface CapabilityReport {
  capability: string
  /** The module as declared in package.json. */
  module: string
  /** Empty when the provider satisfies its contract. */
  problems: string[]
}

async function declared(pluginRoot: string): Promise<Record<string, string>> {
  const pjson = JSON.parse(await readFile(join(pluginRoot, 'package.json'), 'utf8')) as unknown
  const capabilities = declarationOf(pjson).capabilities
  return typeof capabilities === 'object' && capabilities !== null ? capabilities : {}
}

async function checkOne(root: string, capability: string, module: unknown): Promise<string[]> {
  // A language ("language:<name>") has its own contract, checked by the host when it loads it.
  const isLanguage = /^language:[a-z][a-z0-9-]*$/.test(capability)
  if (!isLanguage && !isCapabilityName(capability)) return [`"${capability}" is not a capability aigogo knows (see CapabilityContracts in @aigogo/sdk)`]
  if (typeof module !== 'string' || module === '') return ['the module must be a path relative to the plugin root, e.g. "./dist/capabilities/x.js"']
  const file = resolve(root, module)
  if (!isInside(root, file)) return [`the module ${JSON.stringify(module)} is outside the plugin`]
  let loaded: {default?: unknown}
  try {
    loaded = (await import(pathToFileURL(file).href)) as {default?: unknown}
  } catch (error) {
    return [`the module cannot be imported (build first?): ${error instanceof Error ? error.message : String(error)}`]
  }
  if (loaded.default === undefined) return ['the module has no default export']
  if (isLanguage || !isCapabilityName(capability)) return typeof loaded.default === 'object' && loaded.default !== null ? [] : ['the default export must be an object']
  const shape = contractProblems(capability, loaded.default)
  return shape.length > 0 ? shape : behaviourProblems(capability, loaded.default)
}

/** One report per declared capability, in declaration order. */
export async function checkCapabilities(pluginRoot: string): Promise<CapabilityReport[]> {
  const root = resolve(pluginRoot)
  const reports: CapabilityReport[] = []
  for (const [capability, module] of Object.entries(await declared(root))) {
    reports.push({capability, module: String(module), problems: await checkOne(root, capability, module)})
  }
  return reports
}

/**
 * Throws one Error listing every problem (a test fails with all of them at once); returns the
 * reports otherwise. `expected` also requires those capabilities to be declared.
 */
export async function assertCapabilities(pluginRoot: string, expected: readonly string[] = []): Promise<CapabilityReport[]> {
  const reports = await checkCapabilities(pluginRoot)
  const lines = reports.flatMap((r) => r.problems.map((p) => `${r.capability} (${r.module}): ${p}`))
  for (const name of expected) if (!reports.some((r) => r.capability === name)) lines.push(`${name}: not declared in package.json "aigogo.capabilities"`)
  if (lines.length > 0) throw new Error(`capability contract check failed:\n  ${lines.join('\n  ')}`)
  return reports
}
