/**
 * Verbs that act on every plugin (`plugins update` without a name, `plugins reset`): each plugin
 * is its own transaction, one failure does not stop the others, and the run ends with a coded
 * error naming every failure when any failed, so the exit code tells a script.
 */
import {AigogoError, type ExitBucket, messageOf} from '@aigogo/sdk'

import {toAigogoError} from './error-mapping.js'

export interface BatchFailure {
  name: string
  status: 'failed'
  error: {code: string; message: string; exit: number; hints: readonly string[]}
}

export type BatchOutcome<T> = ({name: string} & T) | BatchFailure

/** Runs `step` for each name in order, turning a thrown error into that name's failure. */
export async function forEachPlugin<T extends {status: string}>(
  names: readonly string[],
  step: (name: string) => Promise<T>,
  onResult?: (outcome: BatchOutcome<T>) => void,
): Promise<BatchOutcome<T>[]> {
  const outcomes: BatchOutcome<T>[] = []
  for (const name of names) {
    let outcome: BatchOutcome<T>
    try {
      outcome = {...(await step(name)), name}
    } catch (error) {
      const coded = toAigogoError(error)
      outcome = {
        error: {code: coded?.code ?? 'INTERNAL', exit: coded?.exit ?? 70, hints: coded?.hints ?? [], message: coded?.message ?? messageOf(error)},
        name,
        status: 'failed',
      }
    }
    outcomes.push(outcome)
    onResult?.(outcome)
  }
  return outcomes
}

export function failuresOf(outcomes: readonly {status: string}[]): BatchFailure[] {
  return outcomes.filter((o) => o.status === 'failed') as BatchFailure[]
}

const BUCKETS: Record<number, ExitBucket> = {1: 'usage', 2: 'precondition', 3: 'data', 70: 'internal'}

/** One error for the run: the exit code of the first failure, every failure in the details. */
export function batchError(code: string, verb: string, total: number, failures: readonly BatchFailure[]): AigogoError {
  const first = failures[0]!
  return new AigogoError(`${failures.length} of ${total} plugin(s) failed to ${verb}: ${failures.map((f) => `${f.name} (${f.error.code})`).join(', ')}`, {
    bucket: BUCKETS[first.error.exit] ?? 'internal',
    code,
    details: {failed: failures.map((f) => ({name: f.name, ...f.error}))},
    hints: [
      ...failures.map((f) => `${f.name}: ${f.error.message}`),
      'the other plugins were handled; fix the cause and run the command again for the failed ones',
    ],
  })
}
