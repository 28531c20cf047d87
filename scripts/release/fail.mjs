/**
 * Coded failures for the release scripts, rendered like the CLI's AigogoError (message, "What to
 * do", [exit N: CODE]) and with the same exit buckets. The scripts run before anything is built,
 * so they cannot import the SDK.
 */
export const EXIT = {usage: 1, precondition: 2, data: 3, internal: 70}

export class ReleaseError extends Error {
  constructor(bucket, code, message, hints = []) {
    super(message)
    this.code = code
    this.exit = EXIT[bucket]
    this.hints = hints
  }
}

export const usageError = (code, message, hints) => new ReleaseError('usage', code, message, hints)
export const preconditionError = (code, message, hints) => new ReleaseError('precondition', code, message, hints)
export const dataError = (code, message, hints) => new ReleaseError('data', code, message, hints)
export const internalError = (code, message, hints) => new ReleaseError('internal', code, message, hints)

/** Prints an error the way the CLI does and returns the exit code. */
export function report(error) {
  if (!(error instanceof ReleaseError)) {
    error = internalError('RELEASE_INTERNAL', error?.stack ?? String(error), ['this is a bug in scripts/release: report it'])
  }
  const lines = [`Error: ${error.message}`]
  if (error.hints.length > 0) lines.push('What to do:', ...error.hints.map((hint) => `  - ${hint}`))
  lines.push(`[exit ${error.exit}: ${error.code}]`)
  process.stderr.write(`${lines.join('\n')}\n`)
  return error.exit
}
