/**
 * The content-addressable store: put, has, get, verify, remove (check.ts: the cheap check). Puts are staged under AIGOGO_HOME/tmp
 * and renamed into place, so a reader never sees half a package, and two processes putting the
 * same content at once both succeed (the second rename finds the first one's result). A stage
 * (openStage) lets a producer write the files there itself, so they are written only once.
 */
import {type PutFromDirectoryInput, type StoredPackage, type StoreStage, TMP_STAGE_PREFIXES, aigogoDirs, dataError, internalError, isSafeRelativePath, preconditionError, safeName, stageName, sweepStaleStagesOnce, usageError, warn} from '@aigogo/sdk/core'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {mkdir, readFile, rename, stat, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {sortPaths} from '../files/sort-paths.js'
import {walkFiles, walkFilesSync} from '../files/walk.js'
import {makeReadOnly, removeTree} from '../util/permissions.js'
import {checkPackage, listTree} from './check.js'
import {buildIndex, forgetIndex, INDEX_FILE, serializeIndex} from './index-file.js'
import {FILES_DIR, STORE_MANIFEST, packageDir} from './layout.js'
import {parseStoredManifest} from './stored-manifest.js'

// The hashing code is loaded by what hashes (a put, a commit): an install of stored packages
// imports this module for get() alone.
let hashingModule: Promise<typeof import('./integrity.js')> | undefined
const hashing = () => (hashingModule ??= import('./integrity.js'))

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
  // Synchronous: an install asks for every locked package, and these are two small calls each.
  let bytes: Buffer
  try {
    bytes = readFileSync(manifestPath)
  } catch {
    return undefined
  }
  const filesDir = join(path, FILES_DIR)
  let files: string[]
  try {
    files = sortPaths(walkFilesSync(filesDir))
  } catch {
    files = []
  }
  return {files, filesDir, integrity: `sha256:${path.slice(-64)}`, manifest: parseStoredManifest(bytes, manifestPath), path}
}

export async function hasPackage(integrity: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return exists(join(packageDir(integrity, env), STORE_MANIFEST))
}

/** A fresh stage in AIGOGO_HOME/tmp; the first one of a process removes the stages killed commands left. */
async function newStageDir(env: NodeJS.ProcessEnv): Promise<string> {
  await sweepStaleStagesOnce(aigogoDirs(env).tmp, TMP_STAGE_PREFIXES)
  return stageIn(env, 'store')
}

function stageIn(env: NodeJS.ProcessEnv, label: string): string {
  return join(aigogoDirs(env).tmp, stageName(`${label}-`))
}

/** Takes a package out of the store: one rename (readers see it whole or not at all), then removal. */
export async function removePackage(integrity: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const target = packageDir(integrity, env)
  const aside = stageIn(env, 'store-removed')
  await mkdir(dirname(aside), {recursive: true})
  forgetIndex(target)
  try {
    await rename(target, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
  await removeTree(aside)
  return true
}

/**
 * Moves a filled stage (files/ hashed to `integrity`, each file's digest in `digests` where known) into the
 * store with its index. An existing copy is kept when it passes the cheap check; a tampered one
 * is replaced by the stage, which was just hashed from the source.
 */
async function admit(stage: string, integrity: string, manifestBytes: Uint8Array, files: readonly string[], digests: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv): Promise<StoredPackage> {
  const target = packageDir(integrity, env)
  const existing = await checkPackage(integrity, {}, env)
  const kept = existing.state === 'intact' ? await getPackage(integrity, env) : undefined
  if (kept) return kept
  await writeFile(join(stage, STORE_MANIFEST), manifestBytes, {mode: 0o644})
  await makeReadOnly(join(stage, FILES_DIR))
  // After the last chmod (which sets ctime); renaming the stage leaves the files' stats alone.
  const manifestDigest = createHash('sha256').update(manifestBytes).digest('hex')
  await writeFile(join(stage, INDEX_FILE), serializeIndex(buildIndex(stage, integrity, files, digests, manifestDigest, listTree(stage).dirs)), {mode: 0o644})
  await mkdir(dirname(target), {recursive: true})
  if (existing.state === 'tampered') {
    warn(`the stored copy of ${integrity} had been modified (${describeChanged(existing.changed)}); replaced it with the content just verified`)
    await removePackage(integrity, env)
  }
  forgetIndex(target)
  try {
    await rename(stage, target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // Another process stored the same content first: theirs is identical, keep it.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
  }
  const stored = await getPackage(integrity, env)
  if (!stored) throw dataError('STORE_WRITE_FAILED', `package ${integrity} is not in the store after writing it`, [`check ${target}`])
  return stored
}

/** "files/a.py, aigogo.json", at most five names. */
export function describeChanged(changed: readonly string[]): string {
  if (changed.length === 0) return 'which file is unknown: the package had no index, or its index was rewritten too'
  const shown = changed.slice(0, 5).join(', ')
  return changed.length > 5 ? `${shown} and ${changed.length - 5} more` : shown
}

export async function putFromDirectory(input: PutFromDirectoryInput, env: NodeJS.ProcessEnv = process.env): Promise<StoredPackage> {
  checkPaths(input.files)
  checkName(input.manifestBytes)
  const stage = await newStageDir(env)
  try {
    // The copies are written from the very bytes that are hashed, so they match the digest.
    await mkdir(join(stage, FILES_DIR), {recursive: true})
    const digests = new Map<string, string>()
    const {computeIntegrity} = await hashing()
    const integrity = await computeIntegrity({dir: input.dir, fileDigests: digests, files: input.files, manifestBytes: input.manifestBytes}, {large: 'stream', to: join(stage, FILES_DIR)})
    return await admit(stage, integrity, input.manifestBytes, input.files, digests, env)
  } finally {
    await removeTree(stage)
  }
}

export async function openStage(env: NodeJS.ProcessEnv = process.env): Promise<StoreStage> {
  const stage = await newStageDir(env)
  const dir = join(stage, FILES_DIR)
  await mkdir(dir, {recursive: true})
  // Only a stage loads it: an install of stored packages imports this module for get() alone.
  const streamed = new (await import('./streamed-integrity.js')).StreamedIntegrity(dir)
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
        // Hashed while they were written when that was possible, else read and hashed now. The
        // files' own digests are not computed here: the index records them at the first full
        // check (index-file.ts), so a pull hashes its bytes twice (layer and integrity), not three times.
        const integrity = streamed.result(listed, input.manifestBytes) ?? (await (await hashing()).computeIntegrity({dir, files: listed, manifestBytes: input.manifestBytes}))
        if (input.expectedIntegrity !== undefined && input.expectedIntegrity !== integrity) {
          throw dataError('INTEGRITY_MISMATCH', `the package has integrity ${integrity}, but ${input.expectedIntegrity} was expected; it was not stored`, [
            'the source holds different content than expected; do not use it',
          ], {actual: integrity, expected: input.expectedIntegrity})
        }
        return await admit(stage, integrity, input.manifestBytes, listed, new Map(), env)
      } finally {
        await removeTree(stage)
      }
    },
    dir,
    discard: () => removeTree(stage),
    writeFile: (path) => streamed.writeFile(path),
  }
}

/** The full re-hash, as a coded error: STORE_MISSING, or STORE_TAMPERED naming the changed files. */
export async function verifyPackage(integrity: string, env: NodeJS.ProcessEnv = process.env): Promise<StoredPackage> {
  const check = await checkPackage(integrity, {full: true}, env)
  if (check.state === 'missing') {
    throw preconditionError('STORE_MISSING', `package ${integrity} is not in the store`, ['fetch it again: aigogo install'], {integrity})
  }
  if (check.state === 'tampered') {
    throw dataError('STORE_TAMPERED', `stored package ${integrity} no longer matches its integrity (changed: ${describeChanged(check.changed)})`, [
      `remove it: aigogo clean --store (or delete ${check.path})`,
      'then fetch it again: aigogo install',
    ], {changed: check.changed, expected: integrity, path: check.path})
  }
  const stored = await getPackage(integrity, env)
  if (!stored) throw preconditionError('STORE_MISSING', `package ${integrity} is not in the store`, ['fetch it again: aigogo install'], {integrity})
  return stored
}
