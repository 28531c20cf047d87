/**
 * aigogo's own login file, AIGOGO_HOME/auth.json (mode 0600), in the upstream Go tool's format:
 * {"auths": {"<registry as typed>": {"auth": base64("user:pass")}}}, 2-space indent, no newline.
 */
import {chmod, mkdir} from 'node:fs/promises'
import {join} from 'node:path'

import {aigogoHome, readJsonFile, withLock, writeFileAtomic} from '@aigogo/sdk/core'

import {type Credential, decodeBasic, encodeBasic} from './types.js'

interface AuthFile {
  auths: Record<string, {auth?: string; [key: string]: unknown}>
  [key: string]: unknown
}

export function authFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(aigogoHome(env), 'auth.json')
}

async function read(file: string): Promise<AuthFile> {
  const parsed = (await readJsonFile(file, {code: 'AUTH_FILE_INVALID', what: 'the aigogo login file'})) as Partial<AuthFile> | undefined
  const auths = parsed?.auths
  return {...parsed, auths: typeof auths === 'object' && auths !== null ? auths : {}}
}

async function write(file: string, content: AuthFile): Promise<void> {
  await mkdir(join(file, '..'), {mode: 0o700, recursive: true})
  await writeFileAtomic(file, JSON.stringify(content, null, 2), {mode: 0o600})
  await chmod(file, 0o600)
}

export async function getFromAuthFile(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<Credential | undefined> {
  const entry = (await read(authFilePath(env))).auths[registry]
  return entry?.auth ? decodeBasic(entry.auth) : undefined
}

export async function storeInAuthFile(registry: string, credential: Credential, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = authFilePath(env)
  await withLock(`${file}.lock`, async () => {
    const content = await read(file)
    content.auths[registry] = {auth: encodeBasic(credential)}
    await write(file, content)
  }, {what: 'the aigogo login file'})
}

/** True when an entry was removed. */
export async function removeFromAuthFile(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const file = authFilePath(env)
  return withLock(`${file}.lock`, async () => {
    const content = await read(file)
    if (!(registry in content.auths)) return false
    delete content.auths[registry]
    await write(file, content)
    return true
  }, {what: 'the aigogo login file'})
}
