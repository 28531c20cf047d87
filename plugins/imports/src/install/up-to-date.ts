/**
 * The cheap half of install: its types and the no-op check. Loads no wiring code and no execa;
 * of other plugins only the store capability (node built-ins and the SDK core), so an
 * up-to-date install costs little more than starting the CLI.
 */
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

import type {AigogoDirs, StoreCapability} from '@aigogo/sdk/core'

import {aigogoDirOf, findLockFile} from '../lock/find-lock.js'
import type {LockEntry} from '../lock/lock-file.js'
import {type StampInputs, currentStamp} from './stamp.js'

export interface InstallOptions {
  cwd: string
  dirs: AigogoDirs
  python?: string
  /** Write the .pth into an externally managed (PEP 668) interpreter too, as pip --break-system-packages. */
  breakSystemPackages?: boolean
  frozen?: boolean
  /** Ignore the up-to-date stamp: re-verify and rebuild everything. */
  force?: boolean
  json?: boolean
  env?: NodeJS.ProcessEnv
  /** Progress talk (stderr). */
  say?: (message: string) => void
}

export interface InstalledPackage {
  name: string
  version: string
  language: string
  source: string
  integrity: string
  files: number
  fetched: boolean
  import: string
}

export interface InstallResult {
  lockFile: string
  projectDir: string
  upToDate: boolean
  packages: InstalledPackage[]
  fetched: number
  /** Packages whose stored copy had been modified and was fetched again from the source, with what had changed. */
  restored: Array<{package: string; changed: string[]}>
  python?: {interpreter: string; reason: string; pth?: string; pthError?: string; importsDir: string}
  node?: {register: string; registerEsm: string}
  /** What each language's wiring hook reported, by language name. */
  wiring?: Record<string, Record<string, unknown>>
  gitignore?: 'added' | 'present'
  /** .aigogo/AGENTS.md, the index of installed packages for coding agents. */
  agentsIndex?: string
  /** Skill files written by --agent-skill. */
  agentSkill?: string[]
  warnings: string[]
}

export function importHint(key: string, language: string): string {
  if (language === 'python') return `from aigogo.${key} import ...`
  if (language === 'javascript' || language === 'typescript') return `import ... from '@aigogo/${key}'`
  return `wired under .aigogo/ by its ${language} plugin`
}

export function stampInputs(lockText: string, projectDir: string, options: InstallOptions): StampInputs {
  return {env: options.env ?? process.env, home: options.dirs.home, lockText, projectDir, python: options.python}
}

export function summarize(key: string, entry: LockEntry, fetched: boolean): InstalledPackage {
  const language = entry.language.toLowerCase()
  return {
    fetched,
    files: entry.files?.length ?? 0,
    import: importHint(key, language),
    integrity: entry.integrity,
    language,
    name: key,
    source: entry.source,
    version: entry.version,
  }
}

/**
 * The no-op answer when the last install is still current; undefined means "do the work".
 * Current means: the stamp matches and every locked package is as the store last found it intact
 * (the stamp's snapshots hold, else the store's cheap check against its index passes), so an
 * edited store file is never "up to date". The store is asked for only once the stamp matched,
 * so a stale install loads nothing more.
 */
export async function upToDate(options: InstallOptions, store: () => Promise<StoreCapability>): Promise<InstallResult | undefined> {
  if (options.force || options.frozen) return undefined
  const lockFile = await findLockFile(options.cwd)
  if (!lockFile) return undefined
  const lockText = await readFile(lockFile, 'utf8').catch(() => undefined)
  if (lockText === undefined) return undefined
  const projectDir = join(lockFile, '..')
  const stamp = await currentStamp(aigogoDirOf(projectDir), stampInputs(lockText, projectDir, options))
  if (!stamp) return undefined
  // The stamp matched the exact bytes of a lock that installed fine, so it parses.
  const {packages} = JSON.parse(lockText) as {packages?: Record<string, LockEntry>}
  const entries = Object.values(packages ?? {})
  if (entries.length > 0) {
    const capability = await store()
    // One lstat per stored file and directory against the stamp's snapshots; a package whose
    // snapshot differs (or is missing) gets the cheap check, which reads its index.
    for (const integrity of await capability.checkSnapshots(entries.map((e) => e.integrity), stamp.store)) {
      if ((await capability.check(integrity)).state !== 'intact') return undefined
    }
  }
  return {
    fetched: 0,
    lockFile,
    packages: Object.entries(packages ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, entry]) => summarize(key, entry, false)),
    projectDir,
    restored: [],
    upToDate: true,
    warnings: [],
  }
}

