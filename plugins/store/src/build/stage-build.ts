/**
 * Writes a build into a staging directory: the files, aigogo.json and the metadata, hashing
 * the sources while they are copied (small files are written from the hashed buffer, large
 * ones copied by the kernel in parallel), so each byte is read once by us.
 */
import type {PackageManifest} from '@aigogo/sdk/core'

import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {METADATA_FILE, type BuildMetadata} from '../cache/local-cache.js'
import {MANIFEST_FILE} from '../manifest/load.js'
import {computeIntegrity} from '../store/integrity.js'

export interface StageInput {
  sourceDir: string
  stageDir: string
  /** Package files without aigogo.json. */
  files: readonly string[]
  manifest: PackageManifest
  manifestBytes: Uint8Array
  ref: string
  /** Called as each file is staged (progress). */
  onFile?: () => void
}

/** Returns the package's integrity. */
export async function stageBuild(input: StageInput): Promise<string> {
  const all = [...input.files, MANIFEST_FILE]
  // The staged files' total size, recorded so `aigogo list` need not stat every file: counted
  // while they are hashed (it used to be an lstat of each staged file).
  const counted = {bytes: 0}
  const integrity = await computeIntegrity(
    {contents: new Map([[MANIFEST_FILE, input.manifestBytes]]), counted, dir: input.sourceDir, files: all, manifestBytes: input.manifestBytes, onFile: input.onFile},
    {large: 'kernel', to: input.stageDir},
  )
  const metadata: BuildMetadata = {
    built_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    bytes: counted.bytes,
    files: all.length,
    integrity,
    manifest: input.manifest,
    name: input.ref,
    source: 'local',
    type: 'local-build',
  }
  writeFileSync(join(input.stageDir, METADATA_FILE), JSON.stringify(metadata, null, 2))
  return integrity
}
