/**
 * Consent to run a third-party plugin's code: --yes, or "y"/"yes" typed on a terminal. Without a
 * terminal on stdin and without --yes the answer is no, and nothing has been downloaded yet.
 */
import {askYesNo} from '@aigogo/sdk'

import {thirdPartyUnconfirmed} from './plugin-errors.js'

export async function confirmThirdParty(name: string, source: string, yes: boolean): Promise<void> {
  if (yes) return
  if (!process.stdin.isTTY) throw thirdPartyUnconfirmed(name, source)
  const ok = await askYesNo(
    `Installing third-party plugin ${name} from ${source}. Third-party plugins run arbitrary code on your machine. Continue? [y/N] `,
  )
  if (!ok) throw thirdPartyUnconfirmed(name, source, true)
}
