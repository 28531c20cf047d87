/**
 * Which package and script `aigogo exec <package>[:<script>]` runs. Upstream could reach only the
 * script named like the package (or a sole script); "<package>:<script>" reaches any of them.
 */
import {preconditionError, usageError} from '@aigogo/sdk/core'

import type {LockEntry, LockFile} from '../lock/lock-file.js'
import {normalizeName, npmImportName} from '../lock/names.js'

export function splitTarget(target: string): {name: string; script?: string} {
  const colon = target.indexOf(':')
  return colon === -1 ? {name: target} : {name: target.slice(0, colon), script: target.slice(colon + 1)}
}

export function findLockEntry(lock: LockFile, name: string): {key: string; entry: LockEntry} {
  for (const key of [name, normalizeName(name), npmImportName(name)]) {
    const entry = lock.packages[key]
    if (entry) return {entry, key}
  }
  throw usageError('PACKAGE_NOT_IN_LOCK', `package "${name}" is not in aigogo.lock`, [
    `add it first: aigogo add <name:tag or registry/repo:tag> && aigogo install`,
    `packages in the lock: ${Object.keys(lock.packages).sort().join(', ') || '(none)'}`,
  ])
}

export function pickScript(scripts: Record<string, string> | undefined, names: readonly string[], explicit: string | undefined, pkg: string): {name: string; file: string} {
  const available = Object.keys(scripts ?? {}).sort()
  if (!scripts || available.length === 0) {
    throw preconditionError('NO_SCRIPTS', `package "${pkg}" has no scripts defined in its manifest`, [
      'the package author must add a "scripts" field to aigogo.json, e.g. {"scripts": {"run": "main.py"}}',
    ])
  }
  const wanted = explicit !== undefined ? [explicit] : names
  for (const name of wanted) {
    const file = scripts[name]
    if (file) return {file, name}
  }
  if (explicit === undefined && available.length === 1) {
    const [only] = available as [string]
    return {file: scripts[only] as string, name: only}
  }
  throw usageError('SCRIPT_NOT_FOUND', `no script named "${explicit ?? names[0]}" in package "${pkg}"; available scripts: ${available.join(', ')}`, [
    `choose one: aigogo exec ${pkg}:<script> [args...]`,
  ])
}
