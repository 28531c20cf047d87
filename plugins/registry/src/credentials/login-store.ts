/**
 * Where `login` keeps a login and `logout` forgets it, as Docker and ORAS do: when Docker's
 * config.json names a credential helper for the registry (credHelpers, else credsStore), the
 * helper holds it; otherwise aigogo's auth.json (base64, mode 0600). A login kept by a helper
 * leaves no entry in auth.json, which lookups read first, so an older one there is removed.
 */
import {removeFromAuthFile, storeInAuthFile} from './auth-file.js'
import {dockerCredentialHelper} from './docker-config.js'
import {eraseWithHelper, storeWithHelper} from './helper.js'
import type {Credential} from './types.js'

/** "auth.json" or the helper's program name. */
export type LoginPlace = string

export async function saveLogin(registry: string, credential: Credential, env: NodeJS.ProcessEnv = process.env): Promise<LoginPlace> {
  const helper = await dockerCredentialHelper(registry, env)
  if (!helper) {
    await storeInAuthFile(registry, credential, env)
    return 'auth.json'
  }
  await storeWithHelper(helper.name, helper.serverUrl, credential, env)
  await removeFromAuthFile(registry, env)
  return `docker-credential-${helper.name}`
}

/** The places a login was removed from (none: there was none). */
export async function forgetLogin(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<LoginPlace[]> {
  const places: LoginPlace[] = []
  const helper = await dockerCredentialHelper(registry, env)
  if (helper && (await eraseWithHelper(helper.name, helper.serverUrl, env))) places.push(`docker-credential-${helper.name}`)
  if (await removeFromAuthFile(registry, env)) places.push('auth.json')
  return places
}
