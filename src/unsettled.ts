/**
 * The last guard against a silent exit. When the event loop empties while the command's promise
 * is still pending (a stream that neither ended nor failed), Node exits with code 13 ("unsettled
 * top-level await") and prints nothing. Here that becomes an INTERNAL error (exit 70) that says
 * what the command was doing, from the SDK's activity label (src/sdk/activity.ts).
 */
import {currentActivity, internalError, renderErrorFor, writeStderr} from '@aigogo/sdk/core'

export function guardUnsettled(argv: readonly string[]): () => void {
  let settled = false
  const onBeforeExit = (): void => {
    if (settled) return
    settled = true
    const activity = currentActivity()
    const error = internalError('INTERNAL', `aigogo stopped without finishing${activity ? ` while ${activity}` : ''}: the work waited for an event that can no longer come`, [
      'run the command again; nothing was committed half-way (changes are staged and renamed)',
      'this is a bug in aigogo or in a plugin: report it with the command you ran and this message',
    ], activity ? {activity} : undefined)
    writeStderr(renderErrorFor(error, argv))
    process.exitCode = error.exit
  }
  process.on('beforeExit', onBeforeExit)
  return () => {
    settled = true
    process.off('beforeExit', onBeforeExit)
  }
}
