/**
 * The JavaScript side of .aigogo/imports: @aigogo/<name>/ is a real directory of file links plus
 * a generated package.json ({main, name, types}). A package that ships its own package.json
 * keeps it (linked, never written through: upstream overwrote the store file as root).
 */
import {readFile, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {joinInside} from '@aigogo/sdk/core'

import {entryFromPackageJson, resolveJsEntryPoint, resolveTsEntryPoint, resolveTypes} from './entry-point.js'
import {mirrorAsLinks} from './link-tree.js'

export interface LinkedNodePackage {
  /** The ESM entry, relative to the package dir; undefined when nothing resolves. */
  esmEntry: string | undefined
  /** A warning for people when no entry point exists. */
  warning?: string
  ownPackageJson: boolean
  types?: string
}

/** Whether this Node runs .ts files without flags (type stripping on by default: 22.18+, 23.6+). */
function stripsTypes(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  return major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18)
}

export async function linkNodePackage(scopeDir: string, name: string, filesDir: string): Promise<LinkedNodePackage> {
  const target = joinInside(scopeDir, name)
  await mirrorAsLinks(filesDir, target)
  const top = await readdir(filesDir, {withFileTypes: true})
  const topFiles = top.filter((e) => !e.isDirectory()).map((e) => e.name)
  if (topFiles.includes('package.json')) {
    const pjson = JSON.parse(await readFile(join(filesDir, 'package.json'), 'utf8').catch(() => '{}')) as unknown
    return {esmEntry: entryFromPackageJson(pjson, 'import')?.replace(/^\.\//, ''), ownPackageJson: true}
  }
  const main = resolveJsEntryPoint(topFiles)
  // TypeScript only: the source is the entry and its own types. TypeScript (tsconfig paths),
  // tsx and Node's type stripping (22.18+/23.6+) load it; plain older Node cannot, so say so.
  const tsMain = main ? undefined : resolveTsEntryPoint(topFiles)
  if (!main && !tsMain) {
    const hasNested = top.some((e) => e.isDirectory())
    return {
      esmEntry: undefined,
      ownPackageJson: false,
      ...(hasNested
        ? {warning: `package "${name}" has no top-level .js or .ts files; require('@aigogo/${name}') will not resolve an entry point. Import one of its files by its path, e.g. require('@aigogo/${name}/<dir>/<file>').`}
        : {}),
    }
  }
  const entry = (main ?? tsMain) as string
  const types = main ? resolveTypes(topFiles, main) : tsMain
  // Keys sorted, as upstream writes them.
  const pjson: Record<string, string> = {main: entry, name: `@aigogo/${name}`}
  if (types) pjson.types = types
  await writeFile(join(target, 'package.json'), JSON.stringify(pjson, null, 2) + '\n', {mode: 0o644})
  return {
    esmEntry: entry,
    ownPackageJson: false,
    ...(types ? {types} : {}),
    ...(tsMain
      ? {warning: `package "${name}" ships TypeScript only (${tsMain}): its package.json points at it, so TypeScript and tsx (node --import tsx) resolve @aigogo/${name}; Node.js runs it only where it strips types (22.18+, 23.6+; this is ${process.versions.node}${stripsTypes() ? '' : ', which does not'})`}
      : {}),
  }
}
