/**
 * The JavaScript side of .aigogo/imports: @aigogo/<name>/ is a real directory of file links plus
 * a generated package.json ({main, name, types}). A package that ships its own package.json
 * keeps it (linked, never written through: upstream overwrote the store file as root).
 */
import {readFile, readdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {joinInside} from '@aigogo/sdk/core'

import {entryFromPackageJson, resolveJsEntryPoint, resolveTypes} from './entry-point.js'
import {mirrorAsLinks} from './link-tree.js'

export interface LinkedNodePackage {
  /** The ESM entry, relative to the package dir; undefined when nothing resolves. */
  esmEntry: string | undefined
  /** A warning for people when no entry point exists. */
  warning?: string
  ownPackageJson: boolean
  types?: string
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
  if (!main) {
    const hasNested = top.some((e) => e.isDirectory())
    return {
      esmEntry: undefined,
      ownPackageJson: false,
      ...(hasNested
        ? {warning: `package "${name}" has no top-level .js files; require('@aigogo/${name}') will not resolve an entry point. Use explicit paths, e.g. require('@aigogo/${name}/sub/file.js').`}
        : {}),
    }
  }
  const types = resolveTypes(topFiles, main)
  // Keys sorted, as upstream writes them.
  const pjson: Record<string, string> = {main, name: `@aigogo/${name}`}
  if (types) pjson.types = types
  await writeFile(join(target, 'package.json'), JSON.stringify(pjson, null, 2) + '\n', {mode: 0o644})
  return {esmEntry: main, ownPackageJson: false, ...(types ? {types} : {})}
}
