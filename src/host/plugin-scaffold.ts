/**
 * `plugins new`: write a ready-to-build plugin into a new (or empty) directory. Everything is
 * written into a stage next to the target and renamed into place at the end, so a failure leaves
 * no half-written plugin behind, and a directory that holds anything is never written into.
 */
import {preconditionError, safeName, stageName} from '@aigogo/sdk'
import {mkdir, readdir, readFile, rename, rm, rmdir, writeFile} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'

import type {HostContext} from './host-context.js'
import {assertNotReserved, reservedNames, validatePluginName} from './plugin-names.js'
import {scaffoldFiles, type ScaffoldVersions} from './scaffold-templates.js'

export interface ScaffoldResult {
  name: string
  package: string
  dir: string
  files: string[]
}

const STAGE_PREFIX = '.aigogo-new-'

async function versionOf(root: string): Promise<string> {
  return (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {version: string}).version
}

/** The versions the kernel itself was built and tested with: a new plugin starts from a known-good set. */
async function scaffoldVersions(kernelRoot: string): Promise<ScaffoldVersions> {
  const modules = join(kernelRoot, 'node_modules')
  const kernel = JSON.parse(await readFile(join(kernelRoot, 'package.json'), 'utf8')) as {dependencies: Record<string, string>; devDependencies?: Record<string, string>}
  const installed = async (name: string, fallback: string): Promise<string> => versionOf(join(modules, name)).catch(() => fallback)
  return {
    oclifCore: kernel.dependencies['@oclif/core'] ?? '^4',
    sdk: await versionOf(join(modules, '@aigogo', 'sdk')),
    typesNode: await installed('@types/node', '20'),
    typescript: await installed('typescript', '5'),
    vitest: await installed('vitest', '3'),
  }
}

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return true
    if (code === 'ENOTDIR') return false // a file by that name
    throw error
  }
}

export async function scaffoldPlugin(context: HostContext, rawName: string, dirOption: string | undefined, cwd = process.cwd()): Promise<ScaffoldResult> {
  const name = safeName(rawName, {origin: 'argument', what: 'plugin name'})
  validatePluginName(name)
  const reserved = reservedNames(context.kernelRoot, context.bundled)
  for (const firstParty of Object.keys(context.registry.plugins)) reserved.add(firstParty)
  assertNotReserved(name, reserved)
  const dir = resolve(cwd, dirOption ?? `aigogo-plugin-${name}`)
  if (!(await isEmptyOrAbsent(dir))) {
    throw preconditionError('PLUGIN_DIR_NOT_EMPTY', `${dir} already exists and is not an empty directory`, [
      'pick a new directory: aigogo plugins new <name> --dir <path>',
      'nothing was written',
    ], {dir})
  }
  const files = scaffoldFiles(name, await scaffoldVersions(context.kernelRoot))
  const parent = dirname(dir)
  await mkdir(parent, {recursive: true})
  const stage = join(parent, stageName(`${STAGE_PREFIX}${basename(dir)}-`))
  try {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(stage, path)), {recursive: true})
      await writeFile(join(stage, path), content)
    }
    // An empty target directory is replaced by the stage (rename over an empty directory).
    await rmdir(dir).catch(() => undefined)
    await rename(stage, dir)
  } catch (error) {
    await rm(stage, {force: true, recursive: true})
    throw error
  }
  return {dir, files: Object.keys(files).sort(), name, package: `aigogo-plugin-${name}`}
}
