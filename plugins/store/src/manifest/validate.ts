/**
 * Validation of aigogo.json. Messages name the field so that a person or an agent can fix
 * it without reading the schema. The rules follow the upstream loader (spec §3.1.2) plus the
 * schema's name and version patterns, which upstream documents but never enforces.
 */
import {type PackageManifest, SUPPORTED_LANGUAGES, dataError} from '@aigogo/sdk'

const NAME = /^[a-z0-9][a-z0-9-]*$/
const VERSION = /^\d+\.\d+\.\d+$/

function invalid(origin: string, field: string, problem: string, fix: string): Error {
  return dataError('MANIFEST_INVALID', `${origin}: ${field} ${problem}`, [fix], {field, file: origin})
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function validateManifest(raw: unknown, origin: string): PackageManifest {
  if (!isObject(raw)) throw invalid(origin, 'the file', 'must hold a JSON object', 'start from `aigogo init`')
  const name = raw.name
  if (typeof name !== 'string' || name === '') throw invalid(origin, '"name"', 'is required', 'set "name" to a lower-case name such as "my-utils"')
  if (!NAME.test(name)) throw invalid(origin, '"name"', `"${name}" is not a valid package name`, 'use lower-case letters, digits and dashes, starting with a letter or digit')
  const version = raw.version
  if (typeof version !== 'string' || version === '') throw invalid(origin, '"version"', 'is required', 'set "version" to X.Y.Z, for example "0.1.0"')
  if (!VERSION.test(version)) throw invalid(origin, '"version"', `"${version}" is not X.Y.Z`, 'use three numbers separated by dots, for example "1.0.0"')
  const language = raw.language
  if (!isObject(language) || typeof language.name !== 'string' || language.name === '') {
    throw invalid(origin, '"language.name"', 'is required', `set "language": {"name": "python", "version": ">=3.8"}; supported: ${SUPPORTED_LANGUAGES.join(', ')}`)
  }
  if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(language.name)) {
    throw invalid(origin, '"language.name"', `"${language.name}" is not supported`, `use one of: ${SUPPORTED_LANGUAGES.join(', ')}`)
  }
  if (raw.files !== undefined && !isObject(raw.files)) {
    throw invalid(origin, '"files"', 'must be an object', 'write "files": {"include": "auto"} or {"include": ["a.py"]}')
  }
  const dependencies = raw.dependencies
  if (dependencies !== undefined && dependencies !== null) {
    if (!isObject(dependencies)) throw invalid(origin, '"dependencies"', 'must be an object', 'write "dependencies": {"runtime": [], "dev": []}')
    if (typeof language.version !== 'string' || language.version === '') {
      throw invalid(origin, '"language.version"', 'is required when dependencies are specified', 'set "language.version", for example ">=3.8"')
    }
    for (const kind of ['runtime', 'dev'] as const) {
      const list = dependencies[kind]
      if (list === undefined || list === null) continue
      if (!Array.isArray(list)) throw invalid(origin, `"dependencies.${kind}"`, 'must be a list', `write "dependencies.${kind}": [{"package": "...", "version": "..."}]`)
      list.forEach((dep: unknown, i) => {
        const field = `"dependencies.${kind}[${i}]"`
        if (!isObject(dep) || typeof dep.package !== 'string' || dep.package === '') throw invalid(origin, `${field}.package`, 'is required', 'name the package, for example "requests"')
        if (typeof dep.version !== 'string' || dep.version === '') throw invalid(origin, `${field}.version`, `is required for ${dep.package}`, 'give a version constraint, for example ">=2.31.0"')
      })
    }
  }
  if (raw.scripts !== undefined) {
    if (!isObject(raw.scripts)) throw invalid(origin, '"scripts"', 'must be an object of name -> file', 'write "scripts": {"run": "main.py"}')
    for (const [scriptName, file] of Object.entries(raw.scripts)) {
      if (scriptName === '') throw invalid(origin, '"scripts"', 'has an empty script name', 'give every script a name')
      if (typeof file !== 'string' || file === '') throw invalid(origin, `"scripts.${scriptName}"`, 'needs a file path', 'point it at a packaged file')
    }
  }
  return {files: {include: 'auto'}, ...raw} as PackageManifest
}
