/** Third-party packages used by JavaScript/TypeScript files. */
import type {ImportUse} from '@aigogo/sdk/core'

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {moduleReferences} from './imports.js'
import {packageOfSpecifier, typesPackageOf} from './packages.js'

export {JAVASCRIPT_EXTENSIONS} from './extensions.js'

export function scanJavaScriptSource(source: string, file: string, packageName: string): ImportUse[] {
  const uses: ImportUse[] = []
  for (const reference of moduleReferences(source, file)) {
    const pkg = packageOfSpecifier(reference.specifier)
    if (pkg === undefined || pkg === packageName) continue
    uses.push({
      file,
      line: reference.line,
      module: reference.specifier,
      package: pkg,
      // A type-only import is satisfied by the DefinitelyTyped package as well.
      ...(reference.typeOnly ? {alternatives: [typesPackageOf(pkg)], typeOnly: true} : {}),
    })
  }
  return uses
}

export async function scanJavaScriptFiles(dir: string, files: readonly string[], packageName: string): Promise<ImportUse[]> {
  const uses: ImportUse[] = []
  // Source files are small and read one after another: a synchronous read costs one system call
  // sequence instead of four thread-pool round trips (100 files: 1.5 ms against 17 ms).
  for (const file of files) uses.push(...scanJavaScriptSource(readFileSync(join(dir, file), 'utf8'), file, packageName))
  return uses
}
