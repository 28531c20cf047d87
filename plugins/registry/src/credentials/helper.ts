/**
 * docker-credential-<name> helpers: `get` reads the server URL on stdin and answers
 * {"ServerURL","Username","Secret"}. A username of "<token>" means Secret is a refresh token.
 */
import {preconditionError} from '@aigogo/sdk/core'

import type {Credential} from './types.js'

export async function runCredentialHelper(name: string, serverUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<Credential | undefined> {
  const program = `docker-credential-${name}`
  // Loaded on use: execa is ~150 modules, and most registry commands never run a helper.
  const {execa} = await import('execa')
  const result = await execa(program, ['get'], {env, input: serverUrl, reject: false, timeout: 30_000})
  if (result.failed && (result as {code?: string}).code === 'ENOENT') {
    throw preconditionError('CREDENTIAL_HELPER_MISSING', `Docker's config.json names the credential helper "${name}" but ${program} is not on PATH`, [
      `install ${program}, or remove "${name}" from credsStore/credHelpers in Docker's config.json`,
    ])
  }
  // Helpers answer "credentials not found in native keychain" with a non-zero exit: no login, not a failure.
  if (result.exitCode !== 0) return undefined
  let answer: {Username?: string; Secret?: string}
  try {
    answer = JSON.parse(String(result.stdout)) as {Username?: string; Secret?: string}
  } catch {
    throw preconditionError('CREDENTIAL_HELPER_FAILED', `${program} answered something that is not JSON`, [`run: echo ${serverUrl} | ${program} get`])
  }
  if (!answer.Secret) return undefined
  if (answer.Username === '<token>') return {identityToken: answer.Secret, password: '', username: ''}
  return {password: answer.Secret, username: answer.Username ?? ''}
}
