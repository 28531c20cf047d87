/**
 * Finding and loading aigogo.json: the single implementation every plugin reaches through
 * the "manifest" capability.
 */
import {type LoadedManifest, type ManifestOptions, type PackageManifest, parseJsonText, preconditionError, internalError, messageOf, writeFileAtomic} from '@aigogo/sdk/core'
import {readFileSync, statSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname, join, resolve} from 'node:path'

import {serializeManifest} from './serialize.js'
import {validateManifest} from './validate.js'

export const MANIFEST_FILE = 'aigogo.json'

function isFile(path: string): boolean {
  try {
    return statSync(path, {throwIfNoEntry: false})?.isFile() ?? false
  } catch {
    return false
  }
}

/** Upstream discovery: walk up, but never into the home directory or / from below. */
export async function findManifestDir(startDir: string): Promise<string | undefined> {
  const home = homedir()
  let dir = resolve(startDir)
  for (;;) {
    // Synchronous: a stat and a small read each cost a thread-pool round trip (four for a read) as promises.
    const exists = isFile(join(dir, MANIFEST_FILE))
    if (exists) return dir
    const parent = dirname(dir)
    if (parent === dir || parent === home || parent === '/') return undefined
    dir = parent
  }
}

export function parseManifest(text: string, origin: string, options?: ManifestOptions): PackageManifest {
  const raw = parseJsonText(text, origin, {code: 'MANIFEST_MALFORMED', what: 'aigogo.json'})
  return validateManifest(raw, origin, options)
}

export async function loadManifest(dir: string, options?: ManifestOptions): Promise<LoadedManifest> {
  const path = join(resolve(dir), MANIFEST_FILE)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw preconditionError('MANIFEST_NOT_FOUND', `no aigogo.json in ${dirname(path)}`, [
        'create one: aigogo init',
        'or run the command from the package directory',
      ])
    }
    throw internalError('FILE_UNREADABLE', `cannot read ${path}: ${messageOf(error)}`, [`check the permissions of ${path}`])
  }
  return {dir: dirname(path), manifest: parseManifest(text, path, options), path}
}

/** The manifest of the package that holds `cwd` (walking up), or MANIFEST_NOT_FOUND. */
export async function loadNearestManifest(cwd: string, options?: ManifestOptions): Promise<LoadedManifest> {
  const dir = await findManifestDir(cwd)
  if (dir === undefined) {
    throw preconditionError('MANIFEST_NOT_FOUND', `no aigogo.json in ${resolve(cwd)} or any parent directory`, [
      'create one: aigogo init',
      'or run the command from the package directory',
    ])
  }
  return loadManifest(dir, options)
}

/** Writes aigogo.json atomically; returns the bytes written. */
export async function saveManifest(path: string, manifest: PackageManifest): Promise<Buffer> {
  const bytes = Buffer.from(serializeManifest(manifest))
  await writeFileAtomic(path, bytes)
  return bytes
}
