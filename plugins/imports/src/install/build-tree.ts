/**
 * Builds a complete .aigogo/ in a staging directory: imports/ (the Python namespace and the
 * @aigogo scope), the Node registration scripts. The caller renames it into place.
 */
import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'

import {linkPythonPackage, writePythonNamespace} from '../wiring/python-package.js'
import type {ResolvedPackage} from './resolve-packages.js'

// The Node wiring is loaded once, by the first Node package: a Python-only install never loads it.
let nodeWiring: Promise<[typeof import('../wiring/node-package.js'), typeof import('../wiring/register-scripts.js')]> | undefined
const loadNodeWiring = () => (nodeWiring ??= Promise.all([import('../wiring/node-package.js'), import('../wiring/register-scripts.js')]))

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
      const [{linkNodePackage}] = await loadNodeWiring()
      const linked = await linkNodePackage(join(importsDir, '@aigogo'), pkg.key, pkg.stored.filesDir)
      esmEntries[pkg.key] = linked.esmEntry ?? null
      if (linked.warning) built.warnings.push(linked.warning)
      built.node.push(pkg.key)
    }
  }
  if (built.node.length > 0) await (await loadNodeWiring())[1].writeRegisterScripts(stagingDir, esmEntries)
  return built
}
