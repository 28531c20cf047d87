/**
 * `aigogo build`: package the nearest aigogo.json's files into the local cache.
 *
 * Fixed upstream bugs: the package carries the new version when it is auto-incremented
 * (§11.1.2), and a failed build leaves nothing behind (§11.1.3): everything is staged in
 * AIGOGO_HOME/tmp and renamed into the cache only once complete, under a per-ref lock.
 */
import {type DependencyReport, type PackageManifest, TMP_STAGE_PREFIXES, aigogoDirs, preconditionError, progress, stageName, sweepStaleStagesOnce, withLock} from '@aigogo/sdk/core'
import {mkdirSync, readFileSync, renameSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {buildDir, cacheKey} from '../cache/local-cache.js'
import {discoverFiles, sortPaths} from '../files/discover.js'
import {normalizePattern} from '../files/include.js'
import {MANIFEST_FILE, loadNearestManifest, saveManifest} from '../manifest/load.js'
import {serializeManifest} from '../manifest/serialize.js'
import {parseLocalRef} from '../ref/local-ref.js'
import {removeTree} from '../util/permissions.js'
import {stageBuild} from './stage-build.js'
import {incrementPatch} from './version.js'

export interface BuildOptions {
  cwd: string
  /** name:tag; absent = the manifest's name with the patch version incremented. */
  ref?: string
  force?: boolean
  /** Called with the package before anything is written; absent = no validation. */
  validate?: (input: {dir: string; manifest: PackageManifest; files: readonly string[]}) => Promise<DependencyReport>
  env?: NodeJS.ProcessEnv
  /** --json: no progress line. */
  json?: boolean
  /** The provided languages (a manifest in another one is refused) and a language's extensions, for "auto". */
  languages?: {names: readonly string[]; extensions(name: string): Promise<readonly string[]>}
}

export interface BuildResult {
  ref: string
  name: string
  version: string
  /** Set when the version was auto-incremented (and aigogo.json updated). */
  previousVersion?: string
  dir: string
  files: string[]
  integrity: string
  validated: boolean
  unusedDependencies: string[]
}

function present(path: string): boolean {
  try {
    return statSync(path, {throwIfNoEntry: false}) !== undefined
  } catch {
    return false
  }
}

function checkScripts(manifest: PackageManifest, files: readonly string[]): void {
  const packaged = new Set(files)
  for (const [name, file] of Object.entries(manifest.scripts ?? {})) {
    if (!packaged.has(normalizePattern(file))) {
      throw preconditionError('SCRIPT_NOT_PACKAGED', `script "${name}" points at ${file}, which is not in the package`, [
        `add it: aigogo add file ${file}`,
        `or fix "scripts.${name}" in aigogo.json`,
      ], {file, script: name})
    }
  }
}

export async function buildPackage(options: BuildOptions): Promise<BuildResult> {
  const env = options.env ?? process.env
  const loaded = await loadNearestManifest(options.cwd, options.languages ? {languages: options.languages.names} : {})
  const auto = options.ref === undefined
  const version = auto ? incrementPatch(loaded.manifest.version) : undefined
  const explicit = auto ? undefined : parseLocalRef(options.ref as string)
  const ref = explicit ? explicit.ref : `${loaded.manifest.name}:${version}`
  // The packaged aigogo.json carries the version it is built as: the incremented one, or an
  // explicit X.Y.Z tag (upstream packages the old version in both cases, so locks disagree with tags).
  const packagedVersion = explicit ? (/^\d+\.\d+\.\d+$/.test(explicit.tag) ? explicit.tag : loaded.manifest.version) : (version as string)
  const manifest = packagedVersion === loaded.manifest.version ? loaded.manifest : {...loaded.manifest, version: packagedVersion}
  const manifestBytes = manifest === loaded.manifest ? readFileSync(loaded.path) : Buffer.from(serializeManifest(manifest))

  const files = await discoverFiles(loaded.dir, manifest, await options.languages?.extensions(manifest.language.name))
  if (files.length === 0) {
    throw preconditionError('BUILD_NO_FILES', `no files to package in ${loaded.dir}`, [
      'add files: aigogo add file <path|glob>...',
      'check "files.include", "files.exclude" and .aigogoignore',
    ])
  }
  checkScripts(manifest, files)
  let unusedDependencies: string[] = []
  if (options.validate) {
    const report = await options.validate({dir: loaded.dir, files, manifest})
    if (report.missing.length > 0) {
      throw preconditionError('DEPENDENCIES_MISSING', `imported but not declared: ${report.missing.map((m) => m.package).join(', ')}`, [
        ...report.missing.map((m) => `declare it: aigogo add dep ${m.package} <version>   (used in ${m.files.join(', ')})`),
        'or build without the check: aigogo build --no-validate',
      ], {missing: report.missing})
    }
    unusedDependencies = report.unused
  }

  const dirs = aigogoDirs(env)
  const target = buildDir(ref, env)
  const integrity = await withLock(join(dirs.locks, `build-${cacheKey(ref)}.lock`), async () => {
    // Synchronous, as the staging itself: each async call was a thread-pool round trip for a few microseconds of work.
    const exists = present(target)
    if (exists && !options.force) {
      throw preconditionError('BUILD_EXISTS', `${ref} is already built`, [`rebuild it: aigogo build ${ref} --force`, 'or build the next version: aigogo build'], {ref})
    }
    await sweepStaleStagesOnce(dirs.tmp, TMP_STAGE_PREFIXES)
    const stage = join(dirs.tmp, stageName('build-'))
    const trash = `${stage}.old`
    try {
      mkdirSync(stage, {recursive: true})
      const meter = progress(`Building ${ref}`, files.length + 1, {json: options.json, noun: 'files', unit: 'items'})
      const digest = await stageBuild({files, manifest, manifestBytes, onFile: () => meter.tick(1), ref, sourceDir: loaded.dir, stageDir: stage}).finally(() => meter.done())
      mkdirSync(dirs.cache, {recursive: true})
      if (exists) renameSync(target, trash)
      try {
        renameSync(stage, target)
      } catch (error) {
        if (exists) renameSync(trash, target)
        throw error
      }
      return digest
    } finally {
      await removeTree(stage)
      await removeTree(trash)
    }
  }, {what: `the build of ${ref}`})

  if (auto) await saveManifest(loaded.path, manifest)
  return {
    dir: target,
    files: sortPaths([...files, MANIFEST_FILE]),
    integrity,
    name: ref.slice(0, ref.indexOf(':')),
    ref,
    unusedDependencies,
    validated: options.validate !== undefined,
    version: ref.slice(ref.indexOf(':') + 1),
    ...(auto ? {previousVersion: loaded.manifest.version} : {}),
  }
}
