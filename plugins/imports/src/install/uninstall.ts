/**
 * `aigogo uninstall`: removes what install created (what each language's wiring hook wrote
 * outside .aigogo/, e.g. python's .pth, then .aigogo/, the .gitignore line it added) and nothing else: aigogo.lock, the store and exec environments
 * (shared between projects, see `aigogo clean`) stay.
 */
import {readFile, rm, stat} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {type LanguageWiring, preconditionError} from '@aigogo/sdk/core'

import {LOCK_FILE_NAME} from '../lock/lock-file.js'
import {type GitignoreChange, revertGitignore} from '../wiring/gitignore.js'
import {GITIGNORE_RECORD} from '../wiring/gitignore.js'
import {AIGOGO_DIR} from './project.js'

export interface UninstallResult {
  projectDir: string
  nothingInstalled: boolean
  removed: string[]
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
export async function uninstall(cwd: string, wirings: () => Promise<readonly LanguageWiring[]>): Promise<UninstallResult> {
  const projectDir = await findProject(cwd)
  if (!projectDir) {
    throw preconditionError('NOT_A_PROJECT', `not an aigogo project: no .aigogo/ or aigogo.lock in ${cwd} or any parent directory`, [
      'run this from the project you installed packages into',
    ])
  }
  const aigogoDir = join(projectDir, AIGOGO_DIR)
  if (!(await exists(aigogoDir))) return {nothingInstalled: true, projectDir, removed: []}
  const removed: string[] = []
  for (const wiring of await wirings()) removed.push(...((await wiring.uninstall?.({aigogoDir, projectDir})) ?? []))
  const recordText = await readFile(join(aigogoDir, GITIGNORE_RECORD), 'utf8').catch(() => undefined)
  const record = recordText ? (JSON.parse(recordText) as GitignoreChange) : undefined
  await rm(aigogoDir, {force: true, recursive: true})
  removed.push(aigogoDir)
  if (record && (await revertGitignore(projectDir, record))) removed.push(`${join(projectDir, '.gitignore')} (the .aigogo/ line)`)
  return {nothingInstalled: false, projectDir, removed}
}
