/**
 * `aigogo install` when nothing changed, answered before oclif loads (see the kernel's
 * src/fast-path.ts). Only the plain forms are taken: `install [--json] [--python P]`; any other
 * flag, and any install with work to do, goes to the full command, which also reports errors.
 * The store's cheap check runs here too (through the store capability, whose module is as cheap
 * to load as this one): a modified store file sends the install to the full command.
 * Imports only node built-ins and the SDK's oclif-free core.
 */
import {type FastPathContext, aigogoDirs, parsePlainArgs, printData, printJson} from '@aigogo/sdk/core'

import {renderInstall} from '../install/render.js'
import {upToDate} from '../install/up-to-date.js'

export default async function install(argv: string[], context: FastPathContext): Promise<boolean> {
  const plain = parsePlainArgs(argv, {booleans: ['json'], positionals: 0, values: ['python']})
  if (!plain) return false
  const json = plain.booleans.has('json')
  const python = plain.values.python
  const result = await upToDate({cwd: process.cwd(), dirs: aigogoDirs(), json, ...(python ? {python} : {})}, () => context.capability('store'))
  if (!result) return false
  if (json) printJson(result)
  else printData(renderInstall(result))
  return true
}
