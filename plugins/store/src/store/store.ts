/**
 * The content-addressable store: put, has, get, verify. Puts are staged under AIGOGO_HOME/tmp
 * and renamed into place, so a reader never sees half a package, and two processes putting the
 * same content at once both succeed (the second rename finds the first one's result). A stage
 * (openStage) lets a producer write the files there itself, so they are written only once.
 */
import {type PutFromDirectoryInput, type StoredPackage, type StoreStage, TMP_STAGE_PREFIXES, aigogoDirs, dataError, internalError, isSafeRelativePath, preconditionError, safeName, stageName, sweepStaleStagesOnce, usageError} from '@aigogo/sdk/core'
import {mkdir, readFile, rename, stat, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {sortPaths} from '../files/discover.js'
import {walkFiles} from '../files/walk.js'
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

/**
 * Every package enters the store through here (local builds, registry pulls), and its name later
 * becomes a directory in projects: a name that is not one plain path segment never gets in.
 */
function checkName(manifestBytes: Uint8Array): void {
  const manifest = parseStoredManifest(manifestBytes, "the package's aigogo.json")
  safeName(manifest.name, {source: "the package's aigogo.json", what: 'package name'})
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

/** A fresh stage in AIGOGO_HOME/tmp; the first one of a process removes the stages killed commands left. */
async function newStageDir(env: NodeJS.ProcessEnv): Promise<string> {
  const {tmp} = aigogoDirs(env)
  await sweepStaleStagesOnce(tmp, TMP_STAGE_PREFIXES)
  return join(tmp, stageName('store-'))
}

/** Moves a filled stage (files/ hashed to `integrity`) into the store; keeps an existing copy. */
async function admit(stage: string, integrity: string, manifestBytes: Uint8Array, env: NodeJS.ProcessEnv): Promise<StoredPackage> {
  const target = packageDir(integrity, env)
  if (!(await hasPackage(integrity, env))) {
    await writeFile(join(stage, STORE_MANIFEST), manifestBytes, {mode: 0o644})
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
  const stored = await getPackage(integrity, env)
  if (!stored) throw dataError('STORE_WRITE_FAILED', `package ${integrity} is not in the store after writing it`, [`check ${target}`])
  return stored
}

export async function putFromDirectory(input: PutFromDirectoryInput, env: NodeJS.ProcessEnv = process.env): Promise<StoredPackage> {
  checkPaths(input.files)
  checkName(input.manifestBytes)
  const stage = await newStageDir(env)
  try {
    // The copies are written from the very bytes that are hashed, so they match the digest.
    await mkdir(join(stage, FILES_DIR), {recursive: true})
    const integrity = await computeIntegrity({dir: input.dir, files: input.files, manifestBytes: input.manifestBytes}, {large: 'stream', to: join(stage, FILES_DIR)})
    return await admit(stage, integrity, input.manifestBytes, env)
  } finally {
    await removeTree(stage)
  }
}

export async function openStage(env: NodeJS.ProcessEnv = process.env): Promise<StoreStage> {
  const stage = await newStageDir(env)
  const dir = join(stage, FILES_DIR)
  await mkdir(dir, {recursive: true})
  return {
    async commit(input) {
      try {
        checkPaths(input.files)
        checkName(input.manifestBytes)
        // Only what was listed may enter the store: a stray file would be stored unhashed.
        const present = sortPaths(await walkFiles(dir))
        const listed = sortPaths([...input.files])
        if (present.length !== listed.length || present.some((path, i) => path !== listed[i])) {
          throw internalError('STORE_STAGE_MISMATCH', `the staged files differ from the ${listed.length} files listed for the store`, [
            'this is a bug in the plugin that filled the stage; report it',
          ], {listed: listed.length, present: present.length})
        }
        const integrity = await computeIntegrity({dir, files: listed, manifestBytes: input.manifestBytes})
        if (input.expectedIntegrity !== undefined && input.expectedIntegrity !== integrity) {
          throw dataError('INTEGRITY_MISMATCH', `the package has integrity ${integrity}, but ${input.expectedIntegrity} was expected; it was not stored`, [
            'the source holds different content than expected; do not use it',
          ], {actual: integrity, expected: input.expectedIntegrity})
        }
        return await admit(stage, integrity, input.manifestBytes, env)
      } finally {
        await removeTree(stage)
      }
    },
    dir,
    discard: () => removeTree(stage),
  }
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
