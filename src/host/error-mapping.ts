/**
 * Turns anything thrown during a run into a coded AigogoError, so users never see a raw
 * stack trace: oclif's parse errors become usage errors, unknown errors become internal ones.
 */
import {AigogoError, type ExitBucket, internalError, redactFlagValue, usageError} from '@aigogo/sdk/core'

interface OclifLike {
  oclif?: {exit?: number | false}
  parse?: unknown
  /** oclif's NonExistentFlagsError: the unknown flags as typed, values included. */
  flags?: unknown
  code?: string
  message?: string
}

const BUCKET_BY_EXIT: Record<number, ExitBucket> = {1: 'usage', 2: 'precondition', 3: 'data', 70: 'internal'}

function commandHint(error: OclifLike): string {
  const id = (error.parse as {input?: {context?: {id?: string}}} | undefined)?.input?.context?.id
  return id ? `see the usage: aigogo ${id.replaceAll(':', ' ')} --help` : 'see the usage: aigogo --help'
}

/** undefined means "exit quietly": oclif's ExitError for a clean exit. */
export function toAigogoError(error: unknown): AigogoError | undefined {
  if (AigogoError.is(error)) return error
  const e = (error ?? {}) as OclifLike & Error
  const exit = e.oclif?.exit
  if (e.code === 'EEXIT' && (exit === 0 || exit === false)) return undefined
  if (e.parse !== undefined) {
    let message = (e.message ?? 'invalid arguments').replace(/\n*See more help with --help\s*$/, '').trim()
    // "--password=PW" is echoed as typed: an unknown flag's value may be a secret.
    if (Array.isArray(e.flags) && e.flags.every((f) => typeof f === 'string')) {
      message = `Nonexistent flag${e.flags.length === 1 ? '' : 's'}: ${(e.flags as string[]).map((f) => redactFlagValue(f)).join(', ')}`
    }
    return usageError('USAGE', message, [commandHint(e)])
  }
  if (typeof exit === 'number' && exit !== 0 && e.name === 'CLIError') {
    return new AigogoError(e.message, {bucket: BUCKET_BY_EXIT[exit] ?? 'precondition', code: 'COMMAND_FAILED'})
  }
  return internalError('INTERNAL', e.message || String(error), [
    'this is a bug in aigogo or in a plugin: run again with AIGOGO_DEBUG=1 to see where it happened',
    'report it with the command you ran and the output',
  ])
}
