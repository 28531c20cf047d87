/**
 * User settings: AIGOGO_HOME/config.json, written by `aigogo config set|unset` (staged, then
 * renamed, under a lock) and read by the commands they steer. Only known keys are accepted, each
 * with its own check, so a typo is an error and not a setting nobody reads.
 *
 *   {"registry": ["localhost:5000", "registry.example.com"], "search.max-repositories": 1000}
 */
import {join} from 'node:path'

import {writeJsonAtomic} from './atomic-fs.js'
import {aigogoDirs, aigogoHome} from './dirs.js'
import {dataError, usageError} from './errors.js'
import {readJsonFile} from './json-file.js'
import {byCodePoint} from './order.js'
import {withLock} from './lock.js'
import {quoteUntrusted} from './names.js'

export type SettingValue = string[] | number

export interface SettingSpec {
  description: string
  /** A list takes one or more values (set replaces the list); otherwise exactly one. */
  list: boolean
  /** The stored form of the values as typed; throws CONFIG_VALUE_INVALID. */
  parse(values: readonly string[]): SettingValue
}

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/

function invalid(key: string, value: string, why: string): Error {
  return usageError('CONFIG_VALUE_INVALID', `${quoteUntrusted(value)} is not a valid value for ${key}: ${why}`, [`see the keys and their values: aigogo config set --help`], {key})
}

/** Registry hosts as people type them: "https://" and a trailing "/" are dropped, the host is lowercased. */
function registryHosts(values: readonly string[]): string[] {
  const hosts: string[] = []
  for (const value of values) {
    const host = value.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase()
    const port = Number(host.split(':')[1] ?? '1')
    if (!HOST.test(host) || port < 1 || port > 65535) throw invalid('registry', value, 'a registry is a host with an optional port, e.g. localhost:5000 or ghcr.io')
    if (!hosts.includes(host)) hosts.push(host)
  }
  return hosts
}

function positiveInteger(key: string): (values: readonly string[]) => number {
  return ([value = '']) => {
    const number = Number(value)
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) throw invalid(key, value, 'a whole number of at least 1')
    return number
  }
}

export const SETTINGS: Readonly<Record<string, SettingSpec>> = {
  registry: {description: 'the registries `aigogo search` searches when --registry is not given (one or more host[:port])', list: true, parse: registryHosts},
  'search.max-repositories': {description: 'repositories a search reads per registry before it stops and says so (default 500)', list: false, parse: positiveInteger('search.max-repositories')},
  'search.max-tags': {description: 'tags a search reads per repository to find its latest version (default 1000)', list: false, parse: positiveInteger('search.max-tags')},
}

export type Settings = Partial<Record<string, SettingValue>>

export function settingsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(aigogoHome(env), 'config.json')
}

/** The spec of a key, or CONFIG_KEY_UNKNOWN naming the keys there are. */
export function settingSpec(key: string): SettingSpec {
  const spec = Object.hasOwn(SETTINGS, key) ? SETTINGS[key] : undefined
  if (!spec) throw usageError('CONFIG_KEY_UNKNOWN', `${quoteUntrusted(key)} is not a setting`, [`the settings are: ${Object.keys(SETTINGS).join(', ')}`], {key})
  return spec
}

const WHAT = {code: 'CONFIG_INVALID', hints: ['fix the file, or remove it to start again (aigogo config set writes a new one)'], what: 'the aigogo settings file'}

/** Every setting in the file (missing file: none). A value that is not what its key takes is CONFIG_INVALID. */
export async function readSettings(env: NodeJS.ProcessEnv = process.env): Promise<Settings> {
  const file = settingsFile(env)
  const parsed = await readJsonFile(file, WHAT)
  if (parsed === undefined) return {}
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw dataError('CONFIG_INVALID', `${file} is not a JSON object`, WHAT.hints, {file})
  const settings: Settings = {}
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const spec = Object.hasOwn(SETTINGS, key) ? SETTINGS[key] : undefined
    // Keys of a newer aigogo are kept by set/unset and ignored here.
    if (!spec) continue
    try {
      settings[key] = spec.parse(spec.list ? (Array.isArray(value) ? value.map(String) : [String(value)]) : [String(value)])
    } catch {
      throw dataError('CONFIG_INVALID', `${file}: ${key} is ${quoteUntrusted(JSON.stringify(value))}, which is not a valid value`, [`set it again: aigogo config set ${key} <value>`, `or remove it: aigogo config unset ${key}`], {file, key})
    }
  }
  return settings
}

/** Changes one key (undefined removes it) and keeps every other key of the file as it was. */
export async function updateSetting(key: string, value: SettingValue | undefined, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const file = settingsFile(env)
  return withLock(join(aigogoDirs(env).locks, 'config.lock'), async () => {
    const parsed = ((await readJsonFile(file, WHAT)) ?? {}) as Record<string, unknown>
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw dataError('CONFIG_INVALID', `${file} is not a JSON object`, WHAT.hints, {file})
    const had = Object.hasOwn(parsed, key)
    if (value === undefined) {
      if (!had) return false
      delete parsed[key]
    } else {
      parsed[key] = value
    }
    const sorted = Object.fromEntries(Object.entries(parsed).sort(([a], [b]) => byCodePoint(a, b)))
    await writeJsonAtomic(file, sorted)
    return true
  }, {what: 'the aigogo settings file'})
}
