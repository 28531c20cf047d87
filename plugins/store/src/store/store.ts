/**
 * The content-addressable store: put, has, get, verify. Puts are staged under AIGOGO_HOME/tmp
 * and renamed into place, so a reader never sees half a package, and two processes putting the
 * same content at once both succeed (the second rename finds the first one's result).
 */
import {type PutFromDirectoryInput, type StoredPackage, aigogoDirs, dataError, preconditionError, usageError} from '@aigogo/sdk'
import {randomBytes} from 'node:crypto'
import {mkdir, readFile, rename, stat, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {sortPaths} from '../files/discover.js'
import {walkFiles} from '../files/walk.js'
import {isSafeRelativePath} from '../util/safe-path.js'
import {makeReadOnly, removeTree} from '../util/permissions.js'
import {computeIntegrity} from './integrity.js'
import {FILES_DIR, STORE_MANIFEST, packageDir} from './layout.js'
import {parseStoredManifest} from './stored-manifest.js'

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}

function checkPaths(files: readonly string[]): void {
  const bad = files.find((f) => !isSafeRelativePath(f))
  if (bad !== undefined) {
    throw dataError('PACKAGE_PATH_UNSAFE', `package file path "${bad}" is not a plain relative path`, [
      'package paths must be relative, use forward slashes and never contain ".." segments',
    ], {path: bad})
  }
  if (new Set(files).size !== files.length) throw usageError('PACKAGE_PATH_DUPLICATE', 'the same package file is listed twice', ['list each file once'])
}

export async function getPackage(integrity: string, env: NodeJS.ProcessEnv = process.env): Promise<StoredPackage | undefined> {
  const path = packageDir(integrity, env)
  const manifestPath = join(path, STORE_MANIFEST)
  const bytes = await readFile(manifestPath).catch(() => undefined)
  if (bytes === undefined) return undefined
  const filesDir = join(path, FILES_DIR)
  const files = sortPaths(await walkFiles(filesDir).catch(() => []))
  return {files, filesDir, integrity: `sha256:${path.slice(-64)}`, manifest: parseStoredManifest(bytes, manifestPath), path}
}

export async function hasPackage(integrity: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return exists(join(packageDir(integrity, env), STORE_MANIFEST))
}

export async function putFromDirectory(input: PutFromDirectoryInput, env: NodeJS.ProcessEnv = process.env): Promise<StoredPackage> {
  checkPaths(input.files)
  const dirs = aigogoDirs(env)
  const stage = join(dirs.tmp, `store-${process.pid}-${randomBytes(6).toString('hex')}`)
  let integrity: string
  try {
    // The copies are written from the very bytes that are hashed, so they match the digest.
    await mkdir(join(stage, FILES_DIR), {recursive: true})
    integrity = await computeIntegrity({dir: input.dir, files: input.files, manifestBytes: input.manifestBytes}, {large: 'stream', to: join(stage, FILES_DIR)})
    const target = packageDir(integrity, env)
    if (!(await hasPackage(integrity, env))) {
      await writeFile(join(stage, STORE_MANIFEST), input.manifestBytes, {mode: 0o644})
      await makeReadOnly(join(stage, FILES_DIR))
      await mkdir(dirname(target), {recursive: true})
      try {
        await rename(stage, target)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        // Another process stored the same content first: theirs is identical, keep it.
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
      }
    }
  } finally {
    await removeTree(stage)
  }
  const stored = await getPackage(integrity, env)
  if (!stored) throw dataError('STORE_WRITE_FAILED', `package ${integrity} is not in the store after writing it`, [`check ${packageDir(integrity, env)}`])
  return stored
}

export async function verifyPackage(integrity: string, env: NodeJS.ProcessEnv = process.env): Promise<StoredPackage> {
  const stored = await getPackage(integrity, env)
  if (!stored) {
    throw preconditionError('STORE_MISSING', `package ${integrity} is not in the store`, ['fetch it again: aigogo install'], {integrity})
  }
  const manifestBytes = await readFile(join(stored.path, STORE_MANIFEST))
  const actual = await computeIntegrity({dir: stored.filesDir, files: stored.files, manifestBytes})
  if (actual !== stored.integrity) {
    throw dataError('STORE_TAMPERED', `stored package ${stored.integrity} no longer matches its integrity (now ${actual})`, [
      `remove it: aigogo clean --store (or delete ${stored.path})`,
      'then fetch it again: aigogo install',
    ], {actual, expected: stored.integrity, path: stored.path})
  }
  return stored
}
