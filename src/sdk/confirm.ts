/**
 * One rule for anything that destroys or trusts: ask on a terminal, and off a terminal go on only
 * with the flag that says yes ahead (`--yes`). A piped "no", "yes" or nothing is never an answer:
 * scripts must say what they mean on the command line.
 */
import {preconditionError} from './errors.js'

/** Whether a person can answer: stdin and stderr (where the question goes) are terminals. */
export function canAsk(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY)
}

/** Prints the question on stderr and reads one line; "y" or "yes" (any case) is yes, anything else no. */
export async function askYesNo(question: string): Promise<boolean> {
  process.stderr.write(question)
  // Loaded on use: this module is part of @aigogo/sdk/core, which the fast paths import.
  const {createInterface} = await import('node:readline')
  const rl = createInterface({input: process.stdin, terminal: false})
  const answer = await new Promise<string>((resolve) => {
    rl.once('line', resolve)
    rl.once('close', () => resolve(''))
  })
  rl.close()
  return /^(y|yes)$/i.test(answer.trim())
}

export interface ConfirmOptions {
  /** What is about to happen, for the error off a terminal: "delete localhost:5000/team/x:1". */
  action: string
  /** What will be lost, printed before the question (one or more lines). */
  warning: string
  /** The question itself, answered y/N. */
  question: string
  /** The flag's value: true skips the question. */
  yes: boolean
  /** The flag that confirms ahead, as the user types it. */
  yesFlag?: string
  /** The second hint off a terminal (how to see what would go); the warning's first line otherwise. */
  hint?: string
  details?: Record<string, unknown>
}

/**
 * true: go on. false: the person at the terminal said no. Off a terminal without the flag:
 * CONFIRMATION_REQUIRED (exit 2), and nothing is printed before it (so --json stays one line).
 */
export async function confirmAction(options: ConfirmOptions): Promise<boolean> {
  if (options.yes) return true
  const flag = options.yesFlag ?? '--yes'
  if (!canAsk()) {
    throw preconditionError('CONFIRMATION_REQUIRED', `${options.action} needs confirmation, and stdin is not a terminal`, [
      `say yes ahead: add ${flag} (nothing was changed)`,
      options.hint ?? options.warning.split('\n')[0]!,
    ], options.details)
  }
  process.stderr.write(options.warning.endsWith('\n') ? options.warning : `${options.warning}\n`)
  return askYesNo(`${options.question} [y/N] `)
}
