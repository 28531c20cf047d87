/**
 * `aigogo install` when nothing changed, answered before oclif loads (see the kernel's
 * src/fast-path.ts). Only the plain forms are taken: `install [--json] [--python P]`; any other
 * flag, and any install with work to do, goes to the full command, which also reports errors.
 * Imports only node built-ins and the SDK's oclif-free subpaths.
 */
import {aigogoDirs} from '@aigogo/sdk/dirs'
import {printData, printJson} from '@aigogo/sdk/output'

import {renderInstall} from '../install/render.js'
import {upToDate} from '../install/up-to-date.js'

interface PlainInstall {
  json: boolean
  python?: string
}

function plainInstall(argv: readonly string[]): PlainInstall | undefined {
  const parsed: PlainInstall = {json: false}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--json') parsed.json = true
    else if (arg === '--python' && argv[i + 1] && !argv[i + 1]!.startsWith('-')) parsed.python = argv[++i]
    else if (arg.startsWith('--python=') && arg.length > '--python='.length) parsed.python = arg.slice('--python='.length)
    else return undefined
  }
  return parsed
}

export default async function install(argv: string[]): Promise<boolean> {
  const plain = plainInstall(argv)
  if (!plain) return false
  const result = await upToDate({cwd: process.cwd(), dirs: aigogoDirs(), json: plain.json, ...(plain.python ? {python: plain.python} : {})})
  if (!result) return false
  if (plain.json) printJson(result)
  else printData(renderInstall(result))
  return true
}
