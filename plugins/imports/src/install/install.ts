/**
 * `aigogo install`: recreate .aigogo/ from aigogo.lock alone. Fast no-op when nothing changed,
 * otherwise: resolve (check, restore or fetch) every package, build a complete .aigogo/ in a staging
 * directory, write the .pth, rename into place. A failure leaves the previous .aigogo/ as it was.
 */
import {createHash} from 'node:crypto'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

import {messageOf, progress, stagingPathFor, sweepStaleStagesOnce, withLock, writeFileAtomic, writeJsonAtomic} from '@aigogo/sdk/core'

import {type GitignoreChange, ensureGitignore} from '../wiring/gitignore.js'
import {PTH_LOCATION_FILE, assertPthSafe, recordedPth, removePth, writePth} from '../wiring/pth.js'
import {choosePython, sitePackagesFor} from '../wiring/python-env.js'
import {unlinkStorePackages} from '../wiring/unlink-packages.js'
import {buildTree, isNodeLanguage} from './build-tree.js'
import {checkFrozen} from './frozen.js'
import {aigogoDirOf, loadProjectLock} from './project.js'
import {type PackageSources, resolvePackages} from './resolve-packages.js'
import {STAMP_FILE, STAMP_FORMAT, type Stamp, stampKey} from './stamp.js'
import {type InstallOptions, type InstallResult, type InstalledPackage, stampInputs, summarize} from './up-to-date.js'

export type {InstallOptions, InstallResult, InstalledPackage} from './up-to-date.js'
export {importHint} from './up-to-date.js'
import {swapIntoPlace} from './swap.js'

export {GITIGNORE_RECORD} from '../wiring/gitignore.js'
import {GITIGNORE_RECORD} from '../wiring/gitignore.js'

async function readGitignoreRecord(aigogoDir: string): Promise<GitignoreChange | undefined> {
  const text = await readFile(join(aigogoDir, GITIGNORE_RECORD), 'utf8').catch(() => undefined)
  try {
    return text ? (JSON.parse(text) as GitignoreChange) : undefined
  } catch {
    return undefined
  }
}

export async function install(deps: PackageSources, options: InstallOptions): Promise<InstallResult> {
  const loaded = await loadProjectLock(options.cwd)
  const projectDir = loaded.dir
  const aigogoDir = aigogoDirOf(projectDir)
  const lockId = createHash('sha256').update(projectDir).digest('hex').slice(0, 16)
  return withLock(join(options.dirs.locks, `install-${lockId}.lock`), async () => {
    const say = options.say ?? (() => {})
    const importsDir = join(aigogoDir, 'imports')
    // Before anything is fetched or written: a path Python cannot read safely is refused, not warned about.
    if (Object.values(loaded.lock.packages).some((e) => e.language.toLowerCase() === 'python')) assertPthSafe(importsDir)
    if (options.frozen) await checkFrozen(loaded.lock.packages, deps, options.json ?? false)
    const resolved = await resolvePackages(loaded.lock.packages, deps, {
      full: options.force ?? false,
      json: options.json ?? false,
      // The edited code must not stay importable: the rest of .aigogo/ stays as it was.
      onUnrestorable: async (tampered) => {
        await unlinkStorePackages(aigogoDir, tampered.map((t) => t.path))
      },
      say,
    })
    const result: InstallResult = {
      fetched: resolved.filter((p) => p.fetched).length,
      lockFile: loaded.path,
      packages: resolved.map((p) => summarize(p.key, p.entry, p.fetched)),
      projectDir,
      restored: resolved.filter((p) => p.restored).map((p) => ({changed: p.restored ?? [], package: p.key})),
      upToDate: false,
      warnings: [],
    }
    for (const p of resolved.filter((r) => r.fetched && !r.restored)) say(`Fetched ${p.key} from ${p.entry.source} (${p.fetchedFrom})`)

    // `.aigogo.staging-<pid>-<hex>` / `.aigogo.old-…` left by a killed install: remove those of dead owners.
    await sweepStaleStagesOnce(dirname(aigogoDir), [`.${basename(aigogoDir)}.`])
    const staging = stagingPathFor(aigogoDir, 'staging')
    try {
      const meter = progress('Installing', resolved.length, {json: options.json, noun: 'packages', unit: 'items'})
      const tree = await buildTree(staging, resolved, () => meter.tick(1)).finally(() => meter.done())
      result.warnings.push(...tree.warnings)
      // Store packages are not listed: the no-op check asks the store about each of them anyway.
      const stampPaths: string[] = []

      if (tree.python.length > 0) {
        const choice = await choosePython(projectDir, options.python, options.env ?? process.env)
        result.python = {importsDir, interpreter: choice.interpreter, reason: choice.reason}
        try {
          const pth = await writePth(await sitePackagesFor(choice), projectDir, importsDir)
          await writeFile(join(staging, PTH_LOCATION_FILE), `${pth}\n`, {mode: 0o644})
          result.python.pth = pth
          stampPaths.push(pth)
        } catch (error) {
          // An explicit --python that does not work is the caller's mistake; otherwise a warning.
          if (options.python) throw error
          result.python.pthError = messageOf(error)
          result.warnings.push(`could not configure Python automatically: ${messageOf(error)}`)
        }
      }
      if (tree.node.length > 0) {
        result.node = {register: join(aigogoDir, 'register.js'), registerEsm: join(aigogoDir, 'register.mjs')}
      }

      const before = await readGitignoreRecord(aigogoDir)
      const change = await ensureGitignore(projectDir)
      result.gitignore = change.added ? 'added' : 'present'
      const record: GitignoreChange = before?.added ? before : change
      await writeJsonAtomic(join(staging, GITIGNORE_RECORD), record)

      // Every resolved package passed its check or was just stored: snapshot what was accepted.
      const snapshots = await Promise.all(resolved.map((p) => deps.store.snapshot(p.entry.integrity)))
      const stamp: Stamp = {format: STAMP_FORMAT, key: stampKey(stampInputs(loaded.text, projectDir, options)), packages: resolved.length, paths: stampPaths, store: snapshots.filter((s) => s !== undefined)}
      // One line: the no-op install parses it every time.
      await writeFileAtomic(join(staging, STAMP_FILE), JSON.stringify(stamp) + '\n')

      const oldPth = await recordedPth(aigogoDir)
      await swapIntoPlace(staging, aigogoDir)
      if (oldPth && oldPth !== result.python?.pth) await removePth(oldPth, importsDir)
    } catch (error) {
      await rm(staging, {force: true, recursive: true})
      throw error
    }
    return result
  }, {what: `the installation of ${projectDir}`})
}

