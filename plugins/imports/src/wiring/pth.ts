/**
 * The aigogo .pth file in site-packages. Each project gets its own file name
 * (aigogo-<hash of the project path>.pth): upstream's single aigogo.pth meant two projects
 * sharing one Python overwrote each other and uninstalling one broke the other.
 * .aigogo/.pth-location records where it went, so uninstall removes exactly that file.
 */
import {createHash} from 'node:crypto'
import {mkdir, readFile, rm} from 'node:fs/promises'
import {basename, join} from 'node:path'

import {preconditionError, quoteUntrusted, writeFileAtomic} from '@aigogo/sdk/core'

export const PTH_LOCATION_FILE = '.pth-location'

export function pthFileName(projectDir: string): string {
  return `aigogo-${createHash('sha256').update(projectDir).digest('hex').slice(0, 12)}.pth`
}

// Python's site.py reads a .pth line by line (universal newlines) and exec()s a line that starts
// with "import": a newline or carriage return in the project path would start a line of code.
// Every control character is refused, and the Unicode line breaks for good measure.
const PTH_UNSAFE = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/

/**
 * Refuses (PROJECT_PATH_UNSAFE, exit 2) a directory that cannot be one .pth line: not absolute
 * (a line not starting with "/" could start with "import" or "#"), or holding a control character.
 */
export function assertPthSafe(importsDir: string): void {
  if (importsDir.startsWith('/') && !PTH_UNSAFE.test(importsDir) && importsDir === importsDir.trimEnd()) return
  throw preconditionError('PROJECT_PATH_UNSAFE', `the project path ${quoteUntrusted(importsDir, 200)} cannot be written into a Python .pth file: it holds a control character (such as a newline), which Python would read as a separate line, possibly code`, [
    'move or rename the project directory so that its path has no newline, carriage return, tab or other control character, then run aigogo install again',
    'nothing was written',
  ], {path: importsDir})
}

export async function writePth(sitePackages: string, projectDir: string, importsDir: string): Promise<string> {
  assertPthSafe(importsDir)
  await mkdir(sitePackages, {recursive: true})
  const file = join(sitePackages, pthFileName(projectDir))
  await writeFileAtomic(file, `${importsDir}\n`)
  return file
}

/** The recorded .pth path of an installed project, if any. */
export async function recordedPth(aigogoDir: string): Promise<string | undefined> {
  const text = await readFile(join(aigogoDir, PTH_LOCATION_FILE), 'utf8').catch(() => undefined)
  const path = text?.trim()
  return path ? path : undefined
}

/**
 * Removes a recorded .pth, but only when it still points at this project's imports: a file some
 * other project (or person) wrote since is left alone.
 */
export async function removePth(pthFile: string, importsDir: string): Promise<boolean> {
  // The record lives in .aigogo/ and could have been edited: only a file named as we name them.
  if (!/^aigogo-[0-9a-f]{12}\.pth$/.test(basename(pthFile))) return false
  const content = await readFile(pthFile, 'utf8').catch(() => undefined)
  if (content === undefined) return false
  if (content.trim() !== importsDir) return false
  await rm(pthFile, {force: true})
  return true
}
