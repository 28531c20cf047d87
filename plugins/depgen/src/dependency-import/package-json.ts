/** dependencies / optionalDependencies / devDependencies of a package.json, for `add dep --from-package-json`. */
import type {Dependency, ImportedDependencies} from '@aigogo/sdk/core'

import {dataError, preconditionError, readJsonFile} from '@aigogo/sdk/core'

type Section = Record<string, unknown>

export async function dependenciesFromPackageJson(file: string): Promise<ImportedDependencies> {
  const value = await readJsonFile(file, {code: 'PACKAGE_JSON_INVALID', what: 'package.json'})
  if (value === undefined) throw preconditionError('PACKAGE_JSON_NOT_FOUND', `${file} does not exist`, ['pass the path of your package.json'])
  const pjson = value as Record<string, unknown>
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw dataError('PACKAGE_JSON_INVALID', `${file} is not a JSON object`, ['fix the file: package.json holds one object'])
  const result: ImportedDependencies = {dev: [], format: 'package-json', runtime: [], skipped: []}
  const add = (section: unknown, target: Dependency[], optional: boolean): void => {
    if (typeof section !== 'object' || section === null) return
    for (const [name, version] of Object.entries(section as Section)) {
      if (typeof version !== 'string') result.skipped?.push({package: name, reason: 'version is not a string'})
      else if (/^(?:file|link|workspace|git\+|git:|github:|https?:)/.test(version)) result.skipped?.push({package: name, reason: `not a registry version (${version})`})
      else if (!target.some((d) => d.package === name)) target.push({package: name, version, ...(optional ? {optional: true} : {})})
    }
  }
  add(pjson.dependencies, result.runtime, false)
  add(pjson.optionalDependencies, result.runtime, true)
  add(pjson.devDependencies, result.dev, false)
  for (const name of Object.keys((pjson.peerDependencies as Section | undefined) ?? {})) {
    result.skipped?.push({package: name, reason: 'peer dependency: the consumer provides it'})
  }
  const engines = pjson.engines as {node?: unknown} | undefined
  if (typeof engines?.node === 'string') result.languageVersion = engines.node
  return result
}
