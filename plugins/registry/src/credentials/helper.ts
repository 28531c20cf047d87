/**
 * docker-credential-<name> helpers, the protocol Docker and ORAS speak: the action is the only
 * argument, the rest goes on stdin (never a secret in argv).
 *   get:   stdin the server URL, stdout {"ServerURL","Username","Secret"}; "<token>" as the
 *          username means Secret is a refresh token
 *   store: stdin {"ServerURL","Username","Secret"}
 *   erase: stdin the server URL
 * A helper that has nothing answers with a non-zero exit and "credentials not found" on stdout.
 */
import {preconditionError, quoteUntrusted} from '@aigogo/sdk/core'

import type {Credential} from './types.js'

type Action = 'get' | 'store' | 'erase'

interface HelperResult {
  exitCode: number
  stdout: string
  /** stdout and stderr, for messages. */
  output: string
}

async function run(name: string, action: Action, input: string, env: NodeJS.ProcessEnv): Promise<HelperResult> {
  const program = `docker-credential-${name}`
  // Loaded on use: execa is ~150 modules, and most registry commands never run a helper.
  const {execa} = await import('execa')
  const result = await execa(program, [action], {env, input, reject: false, timeout: 30_000})
  if (result.failed && (result as {code?: string}).code === 'ENOENT') {
    throw preconditionError('CREDENTIAL_HELPER_MISSING', `Docker's config.json names the credential helper "${name}" but ${program} is not on PATH`, [
      `install ${program}, or remove "${name}" from credsStore/credHelpers in Docker's config.json`,
    ], {helper: program})
  }
  if (result.timedOut) {
    throw preconditionError('CREDENTIAL_HELPER_FAILED', `${program} ${action} did not answer within 30 s`, [`run it by hand to see what it waits for: ${program} ${action}`], {helper: program})
  }
  return {exitCode: result.exitCode ?? -1, output: `${String(result.stdout)}\n${String(result.stderr)}`.trim(), stdout: String(result.stdout)}
}

const notFound = (output: string): boolean => /not found/i.test(output)

/** The helper's words for an error, without the secret should a helper echo its input. */
function helperFailed(name: string, action: Action, result: HelperResult, secret?: string): Error {
  const said = secret ? result.output.replaceAll(secret, '***') : result.output
  return preconditionError('CREDENTIAL_HELPER_FAILED', `docker-credential-${name} ${action} failed (exit ${result.exitCode}): ${quoteUntrusted(said || '(no output)', 300)}`, [
    `check the helper works: docker-credential-${name} list`,
    `or remove "${name}" from credsStore/credHelpers in Docker's config.json to keep logins in aigogo's auth.json`,
  ], {helper: `docker-credential-${name}`})
}

export async function runCredentialHelper(name: string, serverUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<Credential | undefined> {
  const result = await run(name, 'get', serverUrl, env)
  // Helpers answer "credentials not found in native keychain" with a non-zero exit: no login, not a failure.
  if (result.exitCode !== 0) return undefined
  let answer: {Username?: string; Secret?: string}
  try {
    answer = JSON.parse(result.stdout) as {Username?: string; Secret?: string}
  } catch {
    throw preconditionError('CREDENTIAL_HELPER_FAILED', `docker-credential-${name} answered something that is not JSON`, [`run: echo ${serverUrl} | docker-credential-${name} get`])
  }
  if (!answer.Secret) return undefined
  if (answer.Username === '<token>') return {identityToken: answer.Secret, password: '', username: ''}
  return {password: answer.Secret, username: answer.Username ?? ''}
}

export async function storeWithHelper(name: string, serverUrl: string, credential: Credential, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const secret = credential.identityToken ?? credential.password
  const username = credential.identityToken ? '<token>' : credential.username
  const result = await run(name, 'store', JSON.stringify({ServerURL: serverUrl, Username: username, Secret: secret}), env)
  if (result.exitCode !== 0) throw helperFailed(name, 'store', result, secret)
}

/** True when the helper held a login for the server and erased it. */
export async function eraseWithHelper(name: string, serverUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const result = await run(name, 'erase', serverUrl, env)
  if (result.exitCode === 0) return true
  if (notFound(result.output)) return false
  throw helperFailed(name, 'erase', result)
}
