/**
 * The python wiring hook: the aigogo namespace under .aigogo/imports (buildTree) and the .pth
 * file in the chosen interpreter's site-packages, recorded in .aigogo/ so that the next install
 * and uninstall find it.
 */
import type {WiringInput, WiringResult} from '@aigogo/sdk/core'

import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {messageOf} from '@aigogo/sdk/core'

import {buildTree} from '../install/build-tree.js'
import {PTH_LOCATION_FILE, recordedPth, removePth, writePth} from './pth.js'
import {choosePython, pythonChoiceWatch, sitePackagesFor} from './python-env.js'
import {treePackages} from './tree-packages.js'

export interface PythonDetails {
  interpreter: string
  reason: string
  pth?: string
  pthError?: string
  importsDir: string
}

export async function wirePython(input: WiringInput): Promise<WiringResult> {
  const tree = await buildTree(input.stagingDir, treePackages('python', input.packages), input.onWired && (() => input.onWired?.(1)))
  const warnings = [...tree.warnings]
  const stampPaths: string[] = []
  const importsDir = join(input.aigogoDir, 'imports')
  const choice = await choosePython(input.projectDir, input.interpreter, input.env)
  const details: PythonDetails = {importsDir, interpreter: choice.interpreter, reason: choice.reason}
  // An environment that would be chosen first and appears later (a new .venv) invalidates the stamp.
  const stampAbsent = await pythonChoiceWatch(input.projectDir, choice, input.env)
  try {
    const pth = await writePth(await sitePackagesFor(choice, {breakSystemPackages: input.breakSystemPackages}), input.projectDir, importsDir)
    await writeFile(join(input.stagingDir, PTH_LOCATION_FILE), `${pth}\n`, {mode: 0o644})
    details.pth = pth
    stampPaths.push(pth)
  } catch (error) {
    // An explicit --python that does not work is the caller's mistake; otherwise a warning.
    // So is an interpreter the system manages: refused like pip, not papered over by a warning.
    if (input.interpreter || (error as {code?: string}).code === 'EXTERNALLY_MANAGED') throw error
    details.pthError = messageOf(error)
    warnings.push(`could not configure Python automatically: ${messageOf(error)}`)
  }
  return {details: {...details}, stampPaths, warnings, ...(stampAbsent ? {stampAbsent} : {uncacheable: true})}
}

/** The .pth the last install recorded (.aigogo/ itself is removed by uninstall). */
export async function unwirePython(input: {aigogoDir: string}): Promise<string[]> {
  const pth = await recordedPth(input.aigogoDir)
  return pth && (await removePth(pth, join(input.aigogoDir, 'imports'))) ? [pth] : []
}
