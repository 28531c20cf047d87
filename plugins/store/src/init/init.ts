/**
 * `aigogo init`: a new aigogo.json in the current directory. Unlike upstream (§11.1.1) an
 * existing file is kept unless --force is given.
 */
import {type PackageManifest, preconditionError, usageError} from '@aigogo/sdk/core'
import {stat} from 'node:fs/promises'
import {basename, join, resolve} from 'node:path'

import {MANIFEST_FILE, saveManifest} from '../manifest/load.js'
import {NAME_PATTERN} from '../ref/local-ref.js'

export const SCHEMA_URL = 'https://github.com/aupeachmo/aigogo/blob/master/aigogo.schema.json'

export interface InitOptions {
  cwd: string
  name?: string
  /** The language, as its providers describe it (the command asks them). */
  language: {name: string; defaultVersion?: string}
  description?: string
  /** SPDX identifier; absent means the manifest says nothing about a licence. */
  license?: string
  force?: boolean
}

/** A package name from a directory name: "My_Utils" -> "my-utils". */
export function nameFromDirectory(dir: string): string {
  return basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')
}

export async function initPackage(options: InitOptions): Promise<{path: string; manifest: PackageManifest}> {
  const path = join(resolve(options.cwd), MANIFEST_FILE)
  const {language} = options
  const name = options.name ?? nameFromDirectory(options.cwd)
  if (!NAME_PATTERN.test(name)) {
    throw usageError('NAME_INVALID', `"${name}" is not a valid package name`, [
      'use lower-case letters, digits and dashes, starting with a letter or digit',
      'choose one: aigogo init --name my-utils',
    ])
  }
  if (!options.force && (await stat(path).then(() => true, () => false))) {
    throw preconditionError('MANIFEST_EXISTS', `${path} already exists`, ['keep it and edit it, or replace it: aigogo init --force'], {path})
  }
  // Only what the author gave: push publishes description and licence as OCI annotations, and
  // a default here would advertise every package under words and a licence nobody chose.
  const manifest: PackageManifest = {
    $schema: SCHEMA_URL,
    name,
    version: '0.1.0',
    ...(options.description ? {description: options.description} : {}),
    language: {name: language.name, version: language.defaultVersion ?? ''},
    dependencies: {},
    files: {include: []},
    ...(options.license ? {metadata: {license: options.license}} : {}),
  }
  await saveManifest(path, manifest)
  return {manifest, path}
}
