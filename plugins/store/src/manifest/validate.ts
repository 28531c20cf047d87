/**
 * Validation of aigogo.json. Messages name the field so that a person or an agent can fix
 * it without reading the schema. The rules follow the upstream loader (spec §3.1.2) plus the
 * schema's name, version and shape rules, which upstream documents but never enforces.
 * The schema's short forms of "files" ("auto" or a list) are accepted and normalised to the
 * object form, which upstream's loader rejects.
 */
import {LANGUAGE_NAME_PATTERN, type ManifestOptions, type PackageManifest, dataError, languageUnsupported, quoteUntrusted} from '@aigogo/sdk/core'

import {NAME_PATTERN} from '../ref/local-ref.js'

const VERSION = /^\d+\.\d+\.\d+$/

function invalid(origin: string, field: string, problem: string, fix: string): Error {
  return dataError('MANIFEST_INVALID', `${origin}: ${field} ${problem}`, [fix], {field, file: origin})
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function optionalString(origin: string, holder: Record<string, unknown>, key: string, field: string): void {
  if (holder[key] !== undefined && typeof holder[key] !== 'string') throw invalid(origin, `"${field}"`, 'must be a string', `write "${field}" as a quoted string`)
}

export function validateName(name: unknown, origin: string): string {
  if (typeof name !== 'string' || name === '') throw invalid(origin, '"name"', 'is required', 'set "name" to a lower-case name such as "my-utils"')
  if (!NAME_PATTERN.test(name)) throw invalid(origin, '"name"', `"${name}" is not a valid package name`, 'use lower-case letters, digits and dashes, starting with a letter or digit')
  return name
}

export function validateVersion(version: unknown, origin: string): string {
  if (typeof version !== 'string' || version === '') throw invalid(origin, '"version"', 'is required', 'set "version" to X.Y.Z, for example "0.1.0"')
  if (!VERSION.test(version)) throw invalid(origin, '"version"', `"${version}" is not X.Y.Z`, 'use three numbers separated by dots, for example "1.0.0"')
  return version
}

function validateLanguage(raw: Record<string, unknown>, origin: string, languages: readonly string[] | undefined): Record<string, unknown> {
  const language = raw.language
  if (!isObject(language) || typeof language.name !== 'string' || language.name === '') {
    throw invalid(origin, '"language.name"', 'is required', `set "language": {"name": "python", "version": ">=3.8"}${languages ? `; installed languages: ${languages.join(', ')}` : ''}`)
  }
  if (!LANGUAGE_NAME_PATTERN.test(language.name)) {
    throw invalid(origin, '"language.name"', `${quoteUntrusted(language.name)} is not a language name`, 'use a lower-case language name such as "python" or "javascript"')
  }
  // Which languages exist is up to the loaded plugins: the caller passes them when it knows them.
  if (languages && !languages.includes(language.name)) throw languageUnsupported(language.name, languages, origin)
  optionalString(origin, language, 'runtime', 'language.runtime')
  optionalString(origin, language, 'version', 'language.version')
  return language
}

function validateFiles(raw: Record<string, unknown>, origin: string): Record<string, unknown> {
  let files = raw.files
  if (files === undefined || files === null) return {include: 'auto'}
  if (typeof files === 'string' || Array.isArray(files)) files = {include: files}
  if (!isObject(files)) throw invalid(origin, '"files"', 'must be an object', 'write "files": {"include": "auto"} or {"include": ["a.py"]}')
  const {include, exclude} = files
  if (include !== undefined && include !== null && typeof include !== 'string' && !isStringList(include)) {
    throw invalid(origin, '"files.include"', 'must be "auto" or a list of paths and globs', 'write "include": "auto" or "include": ["src/**/*.py"]')
  }
  if (exclude !== undefined && exclude !== null && !isStringList(exclude)) {
    throw invalid(origin, '"files.exclude"', 'must be a list of patterns', 'write "exclude": ["tests/", "*.tmp"]')
  }
  return files
}

function validateDependencies(raw: Record<string, unknown>, language: Record<string, unknown>, origin: string): void {
  const dependencies = raw.dependencies
  if (dependencies === undefined || dependencies === null) return
  if (!isObject(dependencies)) throw invalid(origin, '"dependencies"', 'must be an object', 'write "dependencies": {"runtime": [], "dev": []}')
  if (typeof language.version !== 'string' || language.version === '') {
    throw invalid(origin, '"language.version"', 'is required when dependencies are specified', 'set "language.version", for example ">=3.8"')
  }
  for (const kind of ['runtime', 'dev'] as const) {
    const list = dependencies[kind]
    if (list === undefined || list === null) continue
    if (!Array.isArray(list)) throw invalid(origin, `"dependencies.${kind}"`, 'must be a list', `write "dependencies.${kind}": [{"package": "...", "version": "..."}]`)
    list.forEach((dep: unknown, i) => {
      const field = `"dependencies.${kind}[${i}]`
      if (!isObject(dep) || typeof dep.package !== 'string' || dep.package === '') throw invalid(origin, `${field}.package"`, 'is required', 'name the package, for example "requests"')
      if (typeof dep.version !== 'string' || dep.version === '') throw invalid(origin, `${field}.version"`, `is required for ${dep.package}`, 'give a version constraint, for example ">=2.31.0"')
      if (dep.optional !== undefined && typeof dep.optional !== 'boolean') throw invalid(origin, `${field}.optional"`, 'must be true or false', 'write "optional": true')
    })
  }
}

function validateScripts(raw: Record<string, unknown>, origin: string): void {
  if (raw.scripts === undefined || raw.scripts === null) return
  if (!isObject(raw.scripts)) throw invalid(origin, '"scripts"', 'must be an object of name -> file', 'write "scripts": {"run": "main.py"}')
  for (const [scriptName, file] of Object.entries(raw.scripts)) {
    if (scriptName === '') throw invalid(origin, '"scripts"', 'has an empty script name', 'give every script a name')
    if (typeof file !== 'string' || file === '') throw invalid(origin, `"scripts.${scriptName}"`, 'needs a file path', 'point it at a packaged file')
  }
}

function validateMetadata(raw: Record<string, unknown>, origin: string): void {
  const metadata = raw.metadata
  if (metadata === undefined || metadata === null) return
  if (!isObject(metadata)) throw invalid(origin, '"metadata"', 'must be an object', 'write "metadata": {"license": "MIT"}')
  optionalString(origin, metadata, 'license', 'metadata.license')
  optionalString(origin, metadata, 'homepage', 'metadata.homepage')
  if (metadata.tags !== undefined && metadata.tags !== null && !isStringList(metadata.tags)) throw invalid(origin, '"metadata.tags"', 'must be a list of strings', 'write "tags": ["http", "api"]')
  const extra = metadata.extra
  if (extra !== undefined && extra !== null && !(isObject(extra) && Object.values(extra).every((v) => typeof v === 'string'))) {
    throw invalid(origin, '"metadata.extra"', 'must map names to strings', 'write "extra": {"key": "value"}')
  }
}

function validateAi(raw: Record<string, unknown>, origin: string): void {
  const ai = raw.ai
  if (ai === undefined || ai === null) return
  if (!isObject(ai)) throw invalid(origin, '"ai"', 'must be an object', 'write "ai": {"summary": "...", "capabilities": ["..."]}')
  if (typeof ai.summary !== 'string' || ai.summary === '') throw invalid(origin, '"ai.summary"', 'is required when "ai" is present', 'describe the package in one sentence')
  if (!isStringList(ai.capabilities)) throw invalid(origin, '"ai.capabilities"', 'must be a list of strings', 'write "capabilities": ["what it can do"]')
  for (const key of ['usage', 'inputs', 'outputs']) optionalString(origin, ai, key, `ai.${key}`)
}

export function validateManifest(raw: unknown, origin: string, options: ManifestOptions = {}): PackageManifest {
  if (!isObject(raw)) throw invalid(origin, 'the file', 'must hold a JSON object', 'start from `aigogo init`')
  validateName(raw.name, origin)
  validateVersion(raw.version, origin)
  optionalString(origin, raw, 'description', 'description')
  optionalString(origin, raw, 'author', 'author')
  const language = validateLanguage(raw, origin, options.languages)
  validateDependencies(raw, language, origin)
  const files = validateFiles(raw, origin)
  validateScripts(raw, origin)
  validateMetadata(raw, origin)
  validateAi(raw, origin)
  return {...raw, files} as PackageManifest
}
