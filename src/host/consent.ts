/**
 * Consent to run a third-party plugin's code: --yes, or "y"/"yes" typed on a terminal. Without a
 * terminal on stdin and without --yes the answer is no, and nothing has been downloaded yet.
 */
import {createInterface} from 'node:readline'

import {thirdPartyUnconfirmed} from './plugin-errors.js'

async function askYesNo(question: string): Promise<boolean> {
  process.stderr.write(question)
  const rl = createInterface({input: process.stdin, terminal: false})
  const answer = await new Promise<string>((resolve) => {
    rl.once('line', resolve)
    rl.once('close', () => resolve(''))
  })
  rl.close()
  return /^(y|yes)$/i.test(answer.trim())
}

export async function confirmThirdParty(name: string, source: string, yes: boolean): Promise<void> {
  if (yes) return
  if (!process.stdin.isTTY) throw thirdPartyUnconfirmed(name, source)
  const ok = await askYesNo(
    `Installing third-party plugin ${name} from ${source}. Third-party plugins run arbitrary code on your machine. Continue? [y/N] `,
  )
  if (!ok) throw thirdPartyUnconfirmed(name, source)
}
