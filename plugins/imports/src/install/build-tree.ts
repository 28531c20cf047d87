/**
 * Builds a complete .aigogo/ in a staging directory: imports/ (the Python namespace and the
 * @aigogo scope), the Node registration scripts. The caller renames it into place.
 */
import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'

import {linkNodePackage} from '../wiring/node-package.js'
import {linkPythonPackage, writePythonNamespace} from '../wiring/python-package.js'
import {writeRegisterScripts} from '../wiring/register-scripts.js'
import type {ResolvedPackage} from './resolve-packages.js'

export interface BuiltTree {
  python: string[]
  node: string[]
  warnings: string[]
}

export const isNodeLanguage = (language: string): boolean => language === 'javascript' || language === 'typescript'

/** What buildTree reads of a package (the language wiring hooks pass their packages in this shape). */
export type TreePackage = Pick<ResolvedPackage, 'key'> & {entry: Pick<ResolvedPackage['entry'], 'language'>; stored: Pick<ResolvedPackage['stored'], 'filesDir'>}

/** `onPackage` is called as each package is linked (the install's progress line). */
export async function buildTree(stagingDir: string, packages: readonly TreePackage[], onPackage?: () => void): Promise<BuiltTree> {
  const importsDir = join(stagingDir, 'imports')
  await mkdir(importsDir, {mode: 0o755, recursive: true})
  const built: BuiltTree = {node: [], python: [], warnings: []}
  const esmEntries: Record<string, string | null> = {}
  let namespace: string | undefined
  for (const pkg of packages) {
    onPackage?.()
    const language = pkg.entry.language.toLowerCase()
    if (language === 'python') {
      namespace ??= await writePythonNamespace(importsDir)
      await linkPythonPackage(namespace, pkg.key, pkg.stored.filesDir)
      built.python.push(pkg.key)
    } else if (isNodeLanguage(language)) {
      const linked = await linkNodePackage(join(importsDir, '@aigogo'), pkg.key, pkg.stored.filesDir)
      esmEntries[pkg.key] = linked.esmEntry ?? null
      if (linked.warning) built.warnings.push(linked.warning)
      built.node.push(pkg.key)
    }
  }
  if (built.node.length > 0) await writeRegisterScripts(stagingDir, esmEntries)
  return built
}
