/**
 * Coded errors. Every failure a user or an agent can act on is an AigogoError: a stable
 * code, an exit bucket, and a "What to do" list. They are rendered in exactly one place
 * (the kernel's top level), as text on stderr or as one JSON object with --json.
 */

/** Exit buckets: what kind of failure happened, not which one. */
export const ExitCode = {
  ok: 0,
  usage: 1,
  precondition: 2,
  data: 3,
  internal: 70,
} as const

export type ExitBucket = Exclude<keyof typeof ExitCode, 'ok'>

export interface AigogoErrorOptions {
  code: string
  bucket: ExitBucket
  hints?: readonly string[]
  cause?: unknown
  /** Extra machine-readable facts (paths, refs, digests) included in --json output. */
  details?: Record<string, unknown>
}

// A global symbol rather than instanceof: a third-party plugin may carry its own copy of the SDK.
const BRAND = Symbol.for('aigogo.error')

export class AigogoError extends Error {
  readonly code: string
  readonly bucket: ExitBucket
  readonly exit: number
  readonly hints: readonly string[]
  readonly details: Record<string, unknown> | undefined
  /** oclif stops on a hook error only when it carries oclif.exit. */
  readonly oclif: {exit: number}

  constructor(summary: string, options: AigogoErrorOptions) {
    super(summary, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'AigogoError'
    this.code = options.code
    this.bucket = options.bucket
    this.exit = ExitCode[options.bucket]
    this.hints = options.hints ?? []
    this.details = options.details
    this.oclif = {exit: this.exit}
    Object.defineProperty(this, BRAND, {value: true})
  }

  static is(error: unknown): error is AigogoError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true
  }

  toJSON(): Record<string, unknown> {
    return {
      error: {
        code: this.code,
        message: this.message,
        exit: this.exit,
        hints: this.hints,
        ...(this.details ? {details: this.details} : {}),
      },
    }
  }
}

import {redactDeep, redactSecrets} from './redact.js'

type Factory = (code: string, summary: string, hints?: readonly string[], details?: Record<string, unknown>) => AigogoError

const factory =
  (bucket: ExitBucket): Factory =>
  (code, summary, hints, details) =>
    new AigogoError(summary, {bucket, code, hints, details})

/** Bad input from the caller: a wrong flag, argument, name or reference. Exit 1. */
export const usageError = factory('usage')
/** The world is not ready: a missing file, a missing login, an unconfirmed action. Exit 2. */
export const preconditionError = factory('precondition')
/** Data is wrong: corrupt or tampered content, a failed digest, a bad manifest from a registry. Exit 3. */
export const dataError = factory('data')
/** A bug or an environment failure we did not foresee. Exit 70. */
export const internalError = factory('internal')

/** Wraps a cause while keeping its message visible. */
export function withCause(error: AigogoError, cause: unknown): AigogoError {
  return new AigogoError(error.message, {
    bucket: error.bucket,
    cause,
    code: error.code,
    details: error.details,
    hints: error.hints,
  })
}

/** Renders an error as the three-part text block used on stderr (credentials in references masked). */
export function renderErrorText(error: AigogoError): string {
  const lines = [`Error: ${redactSecrets(error.message)}`]
  if (error.hints.length > 0) {
    lines.push('What to do:')
    for (const hint of error.hints) lines.push(`  - ${redactSecrets(hint)}`)
  }
  lines.push(`[exit ${error.exit}: ${error.code}]`)
  return lines.join('\n') + '\n'
}

/** One JSON line; message, hints and details pass through the same redaction as the text form. */
export function renderErrorJson(error: AigogoError): string {
  return JSON.stringify(redactDeep(error.toJSON())) + '\n'
}

/** Whether a command line asks for JSON output: `--json` anywhere before a `--`. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json')
}

/** The error as the command line asked for it: one JSON line with --json, else the text block. */
export function renderErrorFor(error: AigogoError, argv: readonly string[]): string {
  return wantsJson(argv) ? renderErrorJson(error) : renderErrorText(error)
}

/** The message of anything thrown, for wrapping foreign errors. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
