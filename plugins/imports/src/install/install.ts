/**
 * `aigogo install`: recreate .aigogo/ from aigogo.lock alone. Fast no-op when nothing changed,
 * otherwise: resolve (check, restore or fetch) every package, build a complete .aigogo/ in a staging
 * directory through each language's wiring hook (python: also the .pth), rename into place. A failure leaves the previous .aigogo/ as it was.
 */
import {createHash} from 'node:crypto'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

import {progress, stagingPathFor, sweepStaleStagesOnce, withLock, writeFileAtomic, writeJsonAtomic} from '@aigogo/sdk/core'

import {type GitignoreChange, ensureGitignore} from '../wiring/gitignore.js'
import {assertPthSafe, recordedPth, removePth} from '../wiring/pth.js'
import type {PythonDetails} from '../wiring/python-language.js'
import {unlinkStorePackages} from '../wiring/unlink-packages.js'
import {AGENTS_INDEX_FILE, renderAgentsIndex} from './agents-index.js'
import {AGENT_SKILL_RECORD, readSkillRecord} from './agent-skill.js'
import {checkFrozen} from './frozen.js'
import {aigogoDirOf, loadProjectLock} from './project.js'
import {type PackageSources, resolvePackages} from './resolve-packages.js'
import {STAMP_FILE, STAMP_FORMAT, type Stamp, stampKey} from './stamp.js'
import {type InstallOptions, type InstallResult, type InstalledPackage, stampInputs, summarize} from './up-to-date.js'
import {wirePackages} from './wire.js'
import {wiredLanguages} from './wired-languages.js'
import {refuseSignerChanges, signerChanges, signerWarnings} from './signers.js'

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
    // Every language needs a plugin that wires it, known before anything is fetched.
    const wired = await wiredLanguages(deps.languages, loaded.lock.packages)
    // The project's policy (aigogo.trust.json beside the lock) and the user's: enforced on every package before it is wired.
    const trustCapability = await deps.trust?.(projectDir)
    const trust = trustCapability ? {projectDir, trust: trustCapability} : undefined
    if (options.frozen) await checkFrozen(loaded.lock.packages, deps, options.json ?? false, trust)
    const resolved = await resolvePackages(loaded.lock.packages, deps, {
      trust,
      full: options.force ?? false,
      json: options.json ?? false,
      // The edited code must not stay importable: the rest of .aigogo/ stays as it was.
      onUnrestorable: async (tampered) => {
        await unlinkStorePackages(aigogoDir, tampered.map((t) => t.path))
      },
      say,
    })
    const changedSigners = signerChanges(resolved, trust !== undefined)
    if (options.frozen) refuseSignerChanges(changedSigners)
    const result: InstallResult = {
      fetched: resolved.filter((p) => p.fetched).length,
      lockFile: loaded.path,
      packages: resolved.map((p) => ({...summarize(p.key, p.entry, p.fetched), ...(p.signer ? {signer: p.signer} : {})})),
      projectDir,
      restored: resolved.filter((p) => p.restored).map((p) => ({changed: p.restored ?? [], package: p.key})),
      upToDate: false,
      warnings: signerWarnings(changedSigners),
    }
    for (const p of resolved.filter((r) => r.fetched && !r.restored)) say(`Fetched ${p.key} from ${p.entry.source} (${p.fetchedFrom})`)

    // `.aigogo.staging-<pid>-<hex>` / `.aigogo.old-…` left by a killed install: remove those of dead owners.
    await sweepStaleStagesOnce(dirname(aigogoDir), [`.${basename(aigogoDir)}.`])
    const staging = stagingPathFor(aigogoDir, 'staging')
    try {
      await mkdir(join(staging, 'imports'), {mode: 0o755, recursive: true})
      // Each language's provider wires its packages into the staged tree (python: also the .pth).
      const meter = progress('Installing', resolved.length, {json: options.json, noun: 'packages', unit: 'items'})
      const wiring = await wirePackages(resolved, wired, {
        aigogoDir,
        env: options.env ?? process.env,
        projectDir,
        say,
        stagingDir: staging,
        ...(options.python ? {interpreter: options.python} : {}),
        ...(options.breakSystemPackages ? {breakSystemPackages: true} : {}),
        onWired: (count) => meter.tick(count),
      }).finally(() => meter.done())
      await writeFile(join(staging, AGENTS_INDEX_FILE), renderAgentsIndex(resolved.map((p) => ({key: p.key, language: p.entry.language.toLowerCase(), manifest: p.stored.manifest}))), {mode: 0o644})
      result.agentsIndex = join(aigogoDir, AGENTS_INDEX_FILE)
      // Store packages are not listed: the no-op check asks the store about each of them anyway.
      const stampPaths: string[] = []
      // Paths whose appearance makes the next install redo the work; undefined: keep no stamp at all.
      let stampAbsent: string[] | undefined = []
      for (const [language, report] of wiring) {
        result.warnings.push(...(report.warnings ?? []))
        stampPaths.push(...(report.stampPaths ?? []))
        if (report.uncacheable) stampAbsent = undefined
        else if (stampAbsent) stampAbsent.push(...(report.stampAbsent ?? []))
        if (report.details) result.wiring = {...result.wiring, [language]: report.details}
      }
      // aigogo's own languages keep their fields of the result.
      if (wiring.get('python')?.details) result.python = wiring.get('python')?.details as unknown as PythonDetails
      if (wiring.get('javascript')?.details) result.node = wiring.get('javascript')?.details as unknown as InstallResult['node']

      const before = await readGitignoreRecord(aigogoDir)
      const change = await ensureGitignore(projectDir)
      result.gitignore = change.added ? 'added' : 'present'
      const record: GitignoreChange = before?.added ? before : change
      await writeJsonAtomic(join(staging, GITIGNORE_RECORD), record)
      // The opt-in skill's record lives as long as the project is installed: uninstall needs it.
      const skill = await readSkillRecord(aigogoDir)
      if (skill) await writeJsonAtomic(join(staging, AGENT_SKILL_RECORD), skill)

      // Every resolved package passed its check or was just stored: snapshot what was accepted.
      const snapshots = await Promise.all(resolved.map((p) => deps.store.snapshot(p.entry.integrity)))
      const stamp: Stamp = {format: STAMP_FORMAT, key: stampKey(stampInputs(loaded.text, projectDir, options)), packages: resolved.length, paths: stampPaths, store: snapshots.filter((s) => s !== undefined), ...(stampAbsent && stampAbsent.length > 0 ? {absent: stampAbsent} : {})}
      // One line: the no-op install parses it every time. No stamp when the Python choice cannot be re-checked cheaply.
      if (stampAbsent) await writeFileAtomic(join(staging, STAMP_FILE), JSON.stringify(stamp) + '\n')

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

