/**
 * `aigogo uninstall`: removes what install created (what each language's wiring hook wrote
 * outside .aigogo/, e.g. python's .pth, then .aigogo/, the .gitignore line it added, the opt-in
 * agent skill) and the exec environments of the packages in this project's lock
 * (AIGOGO_HOME/envs/<hash>/, one per package content: another project with the same package
 * builds its own again on its next exec). aigogo.lock and the store stay.
 */
import {readFile, rm, stat} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {type AigogoDirs, joinInside, type LanguageWiring, preconditionError, removeTree, withLock} from '@aigogo/sdk/core'

import {environmentName} from '../exec/environment-name.js'
import {LOCK_FILE_NAME, readLock} from '../lock/lock-file.js'
import {type GitignoreChange, revertGitignore} from '../wiring/gitignore.js'
import {GITIGNORE_RECORD} from '../wiring/gitignore.js'
import {removeAgentSkill} from './agent-skill.js'
import {AIGOGO_DIR} from './project.js'

export interface UninstallResult {
  projectDir: string
  nothingInstalled: boolean
  removed: string[]
  /** Files install wrote that were edited since (the opt-in agent skill): left in place. */
  kept: string[]
  /** Exec environments removed (AIGOGO_HOME/envs/<hash>). */
  envs: string[]
}

/**
 * The exec environments of the packages in the project's lock, each removed under the lock exec
 * builds it under. A lock that cannot be read removes none (uninstall still removes .aigogo/).
 */
async function removeProjectEnvironments(projectDir: string, dirs: AigogoDirs): Promise<string[]> {
  const lock = await readLock(join(projectDir, LOCK_FILE_NAME)).catch(() => undefined)
  const removed: string[] = []
  for (const entry of Object.values(lock?.lock.packages ?? {})) {
    let hex: string
    try {
      hex = environmentName(entry.integrity)
    } catch {
      continue
    }
    const dir = joinInside(join(dirs.home, 'envs'), hex)
    if (!(await exists(dir))) continue
    await withLock(join(dirs.locks, `env-${hex.slice(0, 16)}.lock`), () => removeTree(dir), {what: `the exec environment ${dir}`})
    removed.push(dir)
  }
  return removed
}

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false)

/** Upstream rule: walk up; at each level .aigogo/ first, then aigogo.lock. */
async function findProject(cwd: string): Promise<string | undefined> {
  let dir = cwd
  for (;;) {
    if ((await exists(join(dir, AIGOGO_DIR))) || (await exists(join(dir, LOCK_FILE_NAME)))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** `wirings`: the wiring hook of every provided language (each undoes only what it wrote). */
export async function uninstall(cwd: string, dirs: AigogoDirs, wirings: () => Promise<readonly LanguageWiring[]>): Promise<UninstallResult> {
  const projectDir = await findProject(cwd)
  if (!projectDir) {
    throw preconditionError('NOT_A_PROJECT', `not an aigogo project: no .aigogo/ or aigogo.lock in ${cwd} or any parent directory`, [
      'run this from the project you installed packages into',
    ])
  }
  const aigogoDir = join(projectDir, AIGOGO_DIR)
  const envs = await removeProjectEnvironments(projectDir, dirs)
  if (!(await exists(aigogoDir))) return {envs, kept: [], nothingInstalled: true, projectDir, removed: []}
  const removed: string[] = []
  for (const wiring of await wirings()) removed.push(...((await wiring.uninstall?.({aigogoDir, projectDir})) ?? []))
  const skill = await removeAgentSkill(projectDir, aigogoDir)
  removed.push(...skill.removed)
  const recordText = await readFile(join(aigogoDir, GITIGNORE_RECORD), 'utf8').catch(() => undefined)
  const record = recordText ? (JSON.parse(recordText) as GitignoreChange) : undefined
  await rm(aigogoDir, {force: true, recursive: true})
  removed.push(aigogoDir)
  if (record && (await revertGitignore(projectDir, record))) removed.push(`${join(projectDir, '.gitignore')} (the .aigogo/ line)`)
  return {envs, kept: skill.kept, nothingInstalled: false, projectDir, removed}
}
