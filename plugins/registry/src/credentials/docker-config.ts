/**
 * Docker's config.json ($DOCKER_CONFIG/config.json or ~/.docker/config.json), read-only:
 * per-registry credHelpers, then the global credsStore, then plaintext auths (as Docker does).
 */
import {homedir} from 'node:os'
import {join} from 'node:path'

import {readJsonFile} from '@aigogo/sdk/core'

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

export async function getFromDockerConfig(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<Credential | undefined> {
  const config = (await readJsonFile(dockerConfigPath(env), {code: 'DOCKER_CONFIG_INVALID', what: "Docker's config.json"})) as DockerConfig | undefined
  if (!config) return undefined
  const keys = dockerKeys(registry)
  for (const key of keys) {
    const helper = config.credHelpers?.[key]
    if (helper) return runCredentialHelper(helper, keys[0]!, env)
  }
  if (config.credsStore) {
    const found = await runCredentialHelper(config.credsStore, keys[0]!, env)
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
