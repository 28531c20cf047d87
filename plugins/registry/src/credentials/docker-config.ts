/**
 * Docker's config.json ($DOCKER_CONFIG/config.json or ~/.docker/config.json), read-only:
 * per-registry credHelpers, then the global credsStore, then plaintext auths (as Docker does).
 */
import {homedir} from 'node:os'
import {join} from 'node:path'

import {preconditionError, quoteUntrusted, readJsonFile} from '@aigogo/sdk/core'

import {DOCKER_HUB} from '../constants.js'
import {runCredentialHelper} from './helper.js'
import {type Credential, decodeBasic} from './types.js'

interface DockerConfig {
  auths?: Record<string, {auth?: string; username?: string; password?: string; identitytoken?: string}>
  credHelpers?: Record<string, string>
  credsStore?: string
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json')
}

/** The keys Docker may have used for this registry. */
export function dockerKeys(registry: string): string[] {
  if (registry === DOCKER_HUB.name || registry === DOCKER_HUB.apiHost || registry === 'index.docker.io') {
    return [DOCKER_HUB.credentialKey, 'index.docker.io', DOCKER_HUB.name, DOCKER_HUB.apiHost]
  }
  return [registry, `https://${registry}`, `http://${registry}`]
}

async function readDockerConfig(env: NodeJS.ProcessEnv): Promise<DockerConfig | undefined> {
  return (await readJsonFile(dockerConfigPath(env), {code: 'DOCKER_CONFIG_INVALID', what: "Docker's config.json"})) as DockerConfig | undefined
}

/** A helper's name becomes a program name: one plain word, as Docker's helpers are named. */
function helperName(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
    throw preconditionError('DOCKER_CONFIG_INVALID', `Docker's config.json names the credential helper ${quoteUntrusted(value)}, which is not a helper name`, [
      'a helper is named by the suffix of its program docker-credential-<name>, e.g. "pass" or "desktop"',
    ])
  }
  return value
}

/**
 * The credential helper Docker would store this registry's login in: its credHelpers entry, else
 * credsStore; with the server URL the helper keys it by. Undefined: Docker keeps it in auths.
 */
export async function dockerCredentialHelper(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<{name: string; serverUrl: string} | undefined> {
  const config = await readDockerConfig(env)
  if (!config) return undefined
  const keys = dockerKeys(registry)
  for (const key of keys) {
    const name = helperName(config.credHelpers?.[key])
    if (name) return {name, serverUrl: keys[0]!}
  }
  const store = helperName(config.credsStore)
  return store ? {name: store, serverUrl: keys[0]!} : undefined
}

export async function getFromDockerConfig(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<Credential | undefined> {
  const config = await readDockerConfig(env)
  if (!config) return undefined
  const keys = dockerKeys(registry)
  for (const key of keys) {
    const helper = helperName(config.credHelpers?.[key])
    if (helper) return runCredentialHelper(helper, keys[0]!, env)
  }
  const store = helperName(config.credsStore)
  if (store) {
    const found = await runCredentialHelper(store, keys[0]!, env)
    if (found) return found
  }
  for (const key of keys) {
    const entry = config.auths?.[key]
    if (!entry) continue
    const basic = entry.auth ? decodeBasic(entry.auth) : entry.username ? {password: entry.password ?? '', username: entry.username} : undefined
    if (entry.identitytoken) return {identityToken: entry.identitytoken, password: '', username: basic?.username ?? ''}
    if (basic) return basic
  }
  return undefined
}
