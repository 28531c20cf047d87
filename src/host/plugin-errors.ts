/**
 * The plugin host's coded errors, in one place so codes, exit buckets and hints stay consistent
 * between install, update, remove, link, sync and the release client.
 */
import {dataError, preconditionError, usageError} from '@aigogo/sdk'

const FETCH_RETRY_HINTS = [
  'check your network connection and retry: transient 5xx errors are common on release hosts',
  'if the failure persists, open the release page in a browser',
]

export function fetchFailed(summary: string, hints: readonly string[] = FETCH_RETRY_HINTS, details?: Record<string, unknown>): Error {
  return dataError('PLUGIN_FETCH_FAILED', summary, hints, details)
}

export function fetchUnauthorized(method: string, url: string, status: number): Error {
  return usageError('PLUGIN_FETCH_UNAUTHORIZED', `${method} ${url} returned ${status}`, [
    'set GITHUB_TOKEN to a token that can read the repository (private repositories need the `repo` scope)',
    'a 403 without a token is often GitHub rate limiting: GITHUB_TOKEN lifts it',
  ], {status, url})
}

export function pluginUnknown(name: string, verb: 'install' | 'update' | 'remove' | 'inspect'): Error {
  if (verb === 'install') {
    return usageError('PLUGIN_UNKNOWN', `no first-party plugin named "${name}" and no --source given`, [
      `install a third-party plugin from its repository: aigogo plugins install ${name} --source github.com/<org>/<repo>`,
      'see what is installed: aigogo plugins list',
    ], {name})
  }
  return usageError('PLUGIN_UNKNOWN', `no installed plugin named "${name}" to ${verb}`, [
    `install it first: aigogo plugins install ${name}`,
    'see what is installed: aigogo plugins list',
  ], {name})
}

/**
 * No consent to run a third-party plugin's code. `declined`: the person at the terminal said no
 * (asking again is pointless advice); otherwise there was no terminal to ask on.
 */
export function thirdPartyUnconfirmed(name: string, source: string, declined = false): Error {
  if (declined) {
    return preconditionError('PLUGIN_THIRDPARTY_UNCONFIRMED', `not installing "${name}" from ${source}: you declined to trust it`, [
      'nothing was downloaded or installed',
      `if you do trust ${source}, run the command again and answer y, or add --yes`,
    ], {declined: true, name, source})
  }
  return preconditionError('PLUGIN_THIRDPARTY_UNCONFIRMED', `installing "${name}" from ${source} needs confirmation: it is not a first-party plugin, and stdin is not a terminal to ask on`, [
    're-run with --yes to confirm you trust this source (third-party plugins run code on your machine)',
    'or run the command in a terminal to be asked',
  ], {name, source})
}

export function bundleInvalid(code: string, summary: string, hints: readonly string[], details?: Record<string, unknown>): Error {
  return dataError(code, summary, hints, details)
}
