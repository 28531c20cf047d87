/**
 * Dependencies declared in pyproject.toml, for `aigogo add dep|dev --from-pyproject`:
 * PEP 621 ([project] dependencies and optional-dependencies, plus PEP 735 [dependency-groups])
 * when [project] exists, else Poetry ([tool.poetry] dependencies, dev-dependencies, groups).
 * Order follows the file (upstream iterated Go maps, in random order).
 */
import type {Dependency, ImportedDependencies} from '@aigogo/sdk/core'

import {dataError, preconditionError} from '@aigogo/sdk/core'
import {readFile} from 'node:fs/promises'
import {TomlError, parse} from 'smol-toml'

import {poetryVersion} from './poetry-version.js'
import {parseRequirement} from './pep508.js'

/** Extras and groups for development: tests, docs, linting, typing. */
const DEV_GROUP = /dev|test|doc|lint|typ|check/i

type Table = Record<string, unknown>
const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value)

export async function readToml(file: string, what: string): Promise<Table> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw preconditionError(`${what.toUpperCase()}_NOT_FOUND`, `${file} does not exist`, [`pass the path of your ${what}.toml`])
    throw error
  }
  try {
    return parse(text) as Table
  } catch (error) {
    if (error instanceof TomlError) {
      throw dataError(`${what.toUpperCase()}_INVALID`, `${file}:${error.line}:${error.column}: not valid TOML: ${error.message.split('\n')[0]}`, [`fix the TOML syntax at line ${error.line}`])
    }
    throw error
  }
}

function fromPep621(doc: Table, project: Table): ImportedDependencies {
  const result: ImportedDependencies = {dev: [], format: 'pep621', runtime: [], skipped: []}
  const add = (list: unknown, target: Dependency[], optional: boolean): void => {
    if (!Array.isArray(list)) return
    for (const item of list) {
      if (typeof item !== 'string') continue // PEP 735 {include-group = ...} entries
      const parsed = parseRequirement(item)
      if (!parsed) result.skipped?.push({package: item, reason: 'not a PEP 508 requirement'})
      else if (!target.some((d) => d.package === parsed.package)) target.push({...parsed, ...(optional ? {optional: true} : {})})
    }
  }
  add(project.dependencies, result.runtime, false)
  if (isTable(project['optional-dependencies'])) {
    for (const [group, list] of Object.entries(project['optional-dependencies'])) {
      if (DEV_GROUP.test(group)) add(list, result.dev, false)
      else add(list, result.runtime, true) // an extra: installed on request only
    }
  }
  if (isTable(doc['dependency-groups'])) for (const list of Object.values(doc['dependency-groups'])) add(list, result.dev, false)
  if (typeof project['requires-python'] === 'string') result.languageVersion = project['requires-python']
  return result
}

function fromPoetry(poetry: Table): ImportedDependencies {
  const result: ImportedDependencies = {dev: [], format: 'poetry', runtime: [], skipped: []}
  const add = (table: unknown, target: Dependency[]): void => {
    if (!isTable(table)) return
    for (const [name, spec] of Object.entries(table)) {
      if (name.toLowerCase() === 'python') continue
      const version = poetryVersion(spec)
      if ('skip' in version) result.skipped?.push({package: name, reason: version.skip})
      else if (!target.some((d) => d.package === name)) target.push({package: name, version: version.version, ...(version.optional ? {optional: true} : {})})
    }
  }
  add(poetry.dependencies, result.runtime)
  add(poetry['dev-dependencies'], result.dev)
  if (isTable(poetry.group)) {
    for (const [group, body] of Object.entries(poetry.group)) {
      if (isTable(body)) add(body.dependencies, DEV_GROUP.test(group) ? result.dev : result.runtime)
    }
  }
  const python = isTable(poetry.dependencies) ? poetry.dependencies.python : undefined
  if (python !== undefined) {
    const version = poetryVersion(python)
    if ('version' in version) result.languageVersion = version.version
  }
  return result
}

export async function dependenciesFromPyproject(file: string): Promise<ImportedDependencies> {
  const doc = await readToml(file, 'pyproject')
  if (isTable(doc.project)) return fromPep621(doc, doc.project)
  const poetry = isTable(doc.tool) && isTable(doc.tool.poetry) ? doc.tool.poetry : undefined
  if (poetry) return fromPoetry(poetry)
  throw dataError('PYPROJECT_NO_DEPENDENCIES', `${file} has neither a [project] (PEP 621) nor a [tool.poetry] section`, [
    'declare dependencies under [project] dependencies = [...], or add them one by one: aigogo add dep <package> <version>',
  ])
}
