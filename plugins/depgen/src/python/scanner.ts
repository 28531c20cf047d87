/** Third-party imports of Python files: standard library, relative and own modules left out. */
import type {ImportUse} from '@aigogo/sdk/core'

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {isNamespacePrefix, isStdlib, resolveDistribution} from './distributions.js'
import {pythonImports} from './imports.js'

export const PYTHON_EXTENSIONS = ['.py', '.pyi'] as const

/**
 * Top-level names the package itself provides: the first path part of each file (module or
 * package directory, namespace packages included), the part after src/ for src layouts, and
 * the package name with dashes as underscores.
 */
export function ownModules(files: readonly string[], packageName: string): Set<string> {
  const own = new Set<string>([packageName.replace(/[-.]/g, '_')])
  for (const file of files) {
    if (!file.endsWith('.py') && !file.endsWith('.pyi')) continue
    const parts = file.replace(/\.pyi?$/, '').split('/')
    own.add(parts[0] as string)
    if (parts[0] === 'src' && parts[1]) own.add(parts[1])
  }
  return own
}

/** Third-party uses in one file's text. */
export function scanPythonSource(source: string, file: string, own: ReadonlySet<string>): ImportUse[] {
  const uses: ImportUse[] = []
  for (const statement of pythonImports(source)) {
    if (statement.level > 0) continue
    const top = statement.module.split('.')[0] as string
    if (isStdlib(top) || own.has(top)) continue
    // `from google.cloud import storage` names the distribution through the imported name.
    const dotted = isNamespacePrefix(statement.module) ? statement.names.filter((n) => n !== '*').map((n) => `${statement.module}.${n}`) : []
    for (const path of dotted.length > 0 ? dotted : [statement.module]) {
      const {alternatives, distribution, module} = resolveDistribution(path)
      // Type stubs (types-PyYAML) satisfy an import made for type checkers only.
      const accepted = statement.typeOnly ? [...alternatives, `types-${distribution}`] : alternatives
      uses.push({
        ...(accepted.length > 0 ? {alternatives: accepted} : {}),
        file,
        line: statement.line,
        module,
        package: distribution,
        ...(statement.typeOnly ? {typeOnly: true} : {}),
        ...(statement.optional ? {optional: true} : {}),
      })
    }
  }
  return uses
}

export async function scanPythonFiles(dir: string, files: readonly string[], packageName: string): Promise<ImportUse[]> {
  const own = ownModules(files, packageName)
  const uses: ImportUse[] = []
  // Source files are small and read one after another: a synchronous read costs one system call
  // sequence instead of four thread-pool round trips (100 files: 1.5 ms against 17 ms).
  for (const file of files) uses.push(...scanPythonSource(readFileSync(join(dir, file), 'utf8'), file, own))
  return uses
}
