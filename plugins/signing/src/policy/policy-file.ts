/**
 * A trust policy file, user's (AIGOGO_HOME/trust-policy.json) or project's (aigogo.trust.json):
 *
 *   {"version": 1, "scopes": {"ghcr.io/acme/*": {"keys": [{"keyId": "sha256:…", "publicKey": "-----BEGIN PUBLIC KEY-----…"}]}}}
 *
 * Public keys are stored whole, so a project file is self-contained and reviewable in a diff.
 * Everything is checked on read; a file that does not pass is TRUST_POLICY_INVALID (exit 3) naming
 * it, for every command that reads it, and is never rewritten: a policy that cannot be read must
 * not silently stop applying.
 */
import type {KeyObject} from 'node:crypto'
import {closeSync, constants, fstatSync, openSync, readFileSync} from 'node:fs'

import {dataError, internalError, messageOf, parseJsonText, quoteUntrusted, writeJsonAtomic} from '@aigogo/sdk/core'

import {parsePublicKey} from '../keys/public-key.js'
import {parseScope, type Scope} from './scope.js'

export const POLICY_VERSION = 1
const MAX_POLICY_BYTES = 1024 * 1024

export interface TrustedKey {
  keyId: string
  /** PEM (SPKI), as stored. */
  publicKey: string
  key: KeyObject
}

export interface PolicyScope {
  scope: Scope
  keys: TrustedKey[]
}

export type PolicySource = 'user' | 'project'

export interface PolicyFile {
  file: string
  source: PolicySource
  scopes: PolicyScope[]
}

function invalid(file: string, why: string): Error {
  return dataError('TRUST_POLICY_INVALID', `the trust policy ${file} is invalid: ${why}`, [
    `fix ${file} by hand (docs/SIGNING.md, "Trust policy"), or move it aside and add the scopes again with aigogo trust add`,
    'until then every command that checks signatures refuses to run: a policy that cannot be read is never skipped',
  ], {file})
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function onlyKeys(value: Record<string, unknown>, allowed: string[], where: string, file: string): void {
  const extra = Object.keys(value).filter((key) => !allowed.includes(key))
  if (extra.length > 0) throw invalid(file, `${where} has unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => quoteUntrusted(k, 40)).join(', ')} (written by a newer aigogo?)`)
}

export function parsePolicy(value: unknown, file: string, source: PolicySource): PolicyFile {
  if (!isObject(value)) throw invalid(file, 'it is not a JSON object')
  onlyKeys(value, ['version', 'scopes'], 'the file', file)
  if (value.version !== POLICY_VERSION) throw invalid(file, `"version" is ${quoteUntrusted(JSON.stringify(value.version) ?? 'missing', 20)}, this aigogo reads version ${POLICY_VERSION}`)
  if (!isObject(value.scopes)) throw invalid(file, '"scopes" is not an object of scope → {"keys": [...]}')
  const scopes: PolicyScope[] = []
  for (const [text, entry] of Object.entries(value.scopes)) {
    const where = `scope ${quoteUntrusted(text, 80)}`
    const scope = parseScope(text)
    if (typeof scope === 'string') throw invalid(file, `${where}: ${scope}`)
    if (!isObject(entry)) throw invalid(file, `${where} is not an object with "keys"`)
    onlyKeys(entry, ['keys'], where, file)
    if (!Array.isArray(entry.keys) || entry.keys.length === 0) throw invalid(file, `${where} has no "keys" (a list of at least one key)`)
    const keys: TrustedKey[] = []
    for (const [i, raw] of entry.keys.entries()) {
      const at = `${where}, key ${i + 1}`
      if (!isObject(raw)) throw invalid(file, `${at} is not an object with "keyId" and "publicKey"`)
      onlyKeys(raw, ['keyId', 'publicKey'], at, file)
      if (typeof raw.publicKey !== 'string') throw invalid(file, `${at} has no "publicKey" (PEM)`)
      const parsed = parsePublicKey(raw.publicKey)
      if (typeof parsed === 'string') throw invalid(file, `${at}: the public key is not usable: ${parsed}`)
      // The id is derived from the key: a file whose id names another key was edited wrongly or maliciously.
      if (raw.keyId !== parsed.keyId) throw invalid(file, `${at}: "keyId" ${quoteUntrusted(String(raw.keyId), 80)} is not the id of its public key (${parsed.keyId})`)
      if (keys.some((k) => k.keyId === parsed.keyId)) throw invalid(file, `${at} repeats key ${parsed.keyId}`)
      keys.push({key: parsed.key, keyId: parsed.keyId, publicKey: raw.publicKey})
    }
    scopes.push({keys, scope})
  }
  return {file, scopes, source}
}

/**
 * The policy in file, or undefined when there is none. Read synchronously: a few hundred bytes,
 * read by every info and pull, which then need not load node:fs/promises for it. Opened
 * non-blocking and checked to be a regular file, so a FIFO or a device there cannot hang the read.
 */
export async function readPolicyFile(file: string, source: PolicySource): Promise<PolicyFile | undefined> {
  let text: string
  try {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const stats = fstatSync(fd)
      if (!stats.isFile()) throw invalid(file, 'it is not a regular file')
      if (stats.size > MAX_POLICY_BYTES) throw invalid(file, `it is ${stats.size} bytes, more than ${MAX_POLICY_BYTES}`)
      text = readFileSync(fd, 'utf8')
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    if ((error as {bucket?: string}).bucket !== undefined) throw error
    throw internalError('TRUST_POLICY_UNREADABLE', `cannot read the trust policy ${file}: ${messageOf(error)}`, [`check the permissions of ${file}`], {file})
  }
  const value = parseJsonText(text, file, {code: 'TRUST_POLICY_INVALID', what: 'the trust policy'})
  return parsePolicy(value, file, source)
}

/** The file's JSON form: scopes sorted, keys in the order they were added. */
export function policyJson(policy: Pick<PolicyFile, 'scopes'>): unknown {
  const scopes: Record<string, unknown> = {}
  for (const entry of [...policy.scopes].sort((a, b) => a.scope.text.localeCompare(b.scope.text))) {
    scopes[entry.scope.text] = {keys: entry.keys.map((k) => ({keyId: k.keyId, publicKey: k.publicKey}))}
  }
  return {version: POLICY_VERSION, scopes}
}

/** Staged and renamed; the caller holds the policy lock. */
export async function writePolicyFile(policy: PolicyFile): Promise<void> {
  await writeJsonAtomic(policy.file, policyJson(policy))
}
