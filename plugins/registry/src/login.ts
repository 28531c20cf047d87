/**
 * login verifies the credentials against the registry (a request that needs auth) before
 * storing them: in Docker's credential helper for the registry when config.json names one, else
 * in AIGOGO_HOME/auth.json (credentials/login-store.ts); logout removes them.
 */
import {preconditionError} from '@aigogo/sdk/core'

import {type LoginPlace, saveLogin} from './credentials/login-store.js'
import type {Credential} from './credentials/types.js'
import {responseError} from './errcode.js'
import {parseReference} from './reference.js'
import {createSession} from './session.js'

/** The registry as typed, validated as a host (docker.io stays docker.io). */
export function registryName(text: string): string {
  const trimmed = text.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '')
  return parseReference(`${trimmed}/x`).registry === trimmed ? trimmed : parseReference(`${trimmed}/x`).registry
}

/** Where the login was stored: "auth.json" or the helper's program name. */
export async function login(registry: string, credential: Credential, env: NodeJS.ProcessEnv = process.env): Promise<LoginPlace> {
  const apiHost = parseReference(`${registry}/x`).apiHost
  const session = createSession({env, lookup: async () => credential})
  try {
    const url = new URL(`${await session.origin(apiHost)}/v2/`)
    const response = await session.send({method: 'GET', url})
    if (response.status === 401) {
      await response.body.dump()
      throw preconditionError('LOGIN_FAILED', `${registry} rejected the username or password`, ['check the username and password (or token) and try again'], {registry})
    }
    if (response.status !== 200) throw await responseError(response, 'check the login', registry)
    await response.body.dump()
  } finally {
    await session.close()
  }
  return saveLogin(registry, credential, env)
}
