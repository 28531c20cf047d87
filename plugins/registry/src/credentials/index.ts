/**
 * Where a registry login comes from: aigogo's own auth.json first (what `aigogo login` wrote),
 * then Docker's config.json and its credential helpers.
 */
import {getFromAuthFile} from './auth-file.js'
import {getFromDockerConfig} from './docker-config.js'
import type {Credential} from './types.js'

export type CredentialLookup = (registry: string) => Promise<Credential | undefined>

export function credentialLookup(env: NodeJS.ProcessEnv = process.env): CredentialLookup {
  const cache = new Map<string, Promise<Credential | undefined>>()
  return (registry) => {
    let found = cache.get(registry)
    if (!found) {
      found = (async () => (await getFromAuthFile(registry, env)) ?? getFromDockerConfig(registry, env))()
      cache.set(registry, found)
    }
    return found
  }
}

export type {Credential} from './types.js'
