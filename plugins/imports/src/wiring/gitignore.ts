/**
 * .gitignore gets ".aigogo/" (upstream §6.6 rules). What install added is recorded so that
 * uninstall removes exactly that line and nothing a person wrote.
 */
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {writeFileAtomic} from '@aigogo/sdk/core'

const IGNORED_FORMS = new Set(['.aigogo/', '.aigogo', '/.aigogo/', '/.aigogo'])
export const GITIGNORE_LINE = '.aigogo/'
/** Inside .aigogo/: what install changed in .gitignore. */
export const GITIGNORE_RECORD = '.gitignore-change.json'

export interface GitignoreChange {
  /** We added the line (false: it was already there). */
  added: boolean
  /** We created .gitignore. */
  created: boolean
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
}

export async function ensureGitignore(projectDir: string): Promise<GitignoreChange> {
  const file = join(projectDir, '.gitignore')
  const text = await readOrUndefined(file)
  if (text !== undefined && text.split(/\r?\n/).some((line) => IGNORED_FORMS.has(line.trim()))) return {added: false, created: false}
  const existing = text ?? ''
  const lines = existing.split('\n')
  // Upstream: a non-empty last line gets a separating newline (a file ending in "\n" gets a blank line).
  const lastLine = existing === '' ? '' : existing.endsWith('\n') ? (lines.at(-2) ?? '') : (lines.at(-1) ?? '')
  const separator = existing !== '' && lastLine !== '' ? '\n' : ''
  await writeFileAtomic(file, `${existing}${separator}${GITIGNORE_LINE}\n`)
  return {added: true, created: text === undefined}
}

/** Undoes ensureGitignore: removes our line (and a blank line we put before it), or the file we created. */
export async function revertGitignore(projectDir: string, change: GitignoreChange): Promise<boolean> {
  if (!change.added) return false
  const file = join(projectDir, '.gitignore')
  const text = await readOrUndefined(file)
  if (text === undefined) return false
  if (change.created && text === `${GITIGNORE_LINE}\n`) {
    await rm(file, {force: true})
    return true
  }
  const lines = text.split('\n')
  const at = lines.lastIndexOf(GITIGNORE_LINE)
  if (at === -1) return false
  const removeBlank = at > 0 && lines[at - 1] === '' && at - 1 > 0
  lines.splice(removeBlank ? at - 1 : at, removeBlank ? 2 : 1)
  await writeFileAtomic(file, lines.join('\n'))
  return true
}
