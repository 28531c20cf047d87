/**
 * The aigogo .pth file in site-packages. Each project gets its own file name
 * (aigogo-<hash of the project path>.pth): upstream's single aigogo.pth meant two projects
 * sharing one Python overwrote each other and uninstalling one broke the other.
 * .aigogo/.pth-location records where it went, so uninstall removes exactly that file.
 */
import {createHash} from 'node:crypto'
import {mkdir, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {writeFileAtomic} from '@aigogo/sdk/core'

export const PTH_LOCATION_FILE = '.pth-location'

export function pthFileName(projectDir: string): string {
  return `aigogo-${createHash('sha256').update(projectDir).digest('hex').slice(0, 12)}.pth`
}

export async function writePth(sitePackages: string, projectDir: string, importsDir: string): Promise<string> {
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
  const content = await readFile(pthFile, 'utf8').catch(() => undefined)
  if (content === undefined) return false
  if (content.trim() !== importsDir) return false
  await rm(pthFile, {force: true})
  return true
}
