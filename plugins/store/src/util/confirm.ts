/** Asks a yes/no question on stderr and reads one line of stdin; no answer means no. */
import {preconditionError, say} from '@aigogo/sdk/core'
import {createInterface} from 'node:readline'

export async function confirm(question: string, forceFlag: string): Promise<boolean> {
  say(question)
  const lines = createInterface({input: process.stdin, terminal: false})
  const answer = await new Promise<string | undefined>((resolve) => {
    lines.once('line', resolve)
    lines.once('close', () => resolve(undefined))
  })
  lines.close()
  if (answer === undefined) {
    throw preconditionError('CONFIRMATION_REQUIRED', 'no answer to the confirmation question', [`answer "yes" on stdin, or skip the question with ${forceFlag}`])
  }
  return answer.trim().toLowerCase() === 'yes'
}
