/**
 * What a user may name on `plugins install` for npm: a registry package (`name`, `@scope/name`,
 * optionally `@<version|range|dist-tag>`) or a remote tarball URL. npm names become paths
 * (node_modules/@scope/name), so each segment also passes the SDK's safeName; every other npm
 * spec form (git, file:, aliases) is refused before npm ever sees it.
 */
import {dataError, quoteUntrusted, safeName, usageError} from '@aigogo/sdk'
import semver from 'semver'

export type NpmSpec =
  | {kind: 'registry'; name: string; scope?: string; range: string}
  | {kind: 'remote'; url: string}

/** npm's rule for new package names: lower case, URL-safe, at most 214 characters, not starting with "." or "_". */
const SEGMENT = /^[a-z0-9~-][a-z0-9._~-]*$/
const NPM_NAME = /^(?:@([a-z0-9~-][a-z0-9._~-]*)\/)?([a-z0-9~-][a-z0-9._~-]*)$/
const DIST_TAG = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/
const BLOCKED = new Set(['node_modules', 'favicon.ico'])

function invalidSpec(raw: string, why: string): Error {
  return usageError('PLUGIN_SPEC_INVALID', `${JSON.stringify(raw.slice(0, 120))} is not an npm plugin: ${why}`, [
    'name an npm package: aigogo plugins install @acme/aigogo-plugin-greet[@1.2.0]',
    'or a tarball URL: aigogo plugins install https://example.com/greet-1.2.0.tgz',
    'GitHub release plugins install with --source github.com/<org>/<repo>',
  ], {spec: raw.slice(0, 120)})
}

/** Throws unless `name` is an npm package name that is safe as node_modules/<name>; returns its scope. */
export function checkNpmName(name: string, origin: 'argument' | 'untrusted' = 'argument'): {scope?: string} {
  const match = NPM_NAME.exec(name)
  if (!match || name.length > 214 || BLOCKED.has(match[2]!)) {
    if (origin === 'argument') throw invalidSpec(name, 'not a valid npm package name (lower case, URL-safe, at most 214 characters)')
    throw dataError('NAME_INVALID', `npm package name ${quoteUntrusted(name)} is not a valid npm package name`, [
      'do not use it: a name that is not a plain npm name may be an attempt to write outside AIGOGO_HOME',
    ], {what: 'npm package name'})
  }
  const [, scope, bare] = match!
  for (const part of scope ? [scope, bare!] : [bare!]) {
    if (!SEGMENT.test(part)) throw invalidSpec(name, 'not a valid npm package name')
    safeName(part, {origin, source: 'an npm package name', what: 'package name segment'})
  }
  return scope ? {scope} : {}
}

export function isValidRange(range: string): boolean {
  return semver.validRange(range) !== null || DIST_TAG.test(range)
}

/** Parses `pkg`, `pkg@1.2.3`, `@scope/pkg@^1`, `pkg@next` or an http(s) tarball URL; `version` (--version) overrides a version in the spec. */
export function parseNpmSpec(raw: string, version?: string): NpmSpec {
  const text = raw.trim()
  if (/^https?:\/\//i.test(text)) {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw invalidSpec(raw, 'not a valid URL')
    }
    if (url.username || url.password) {
      throw usageError('PLUGIN_SPEC_INVALID', 'a plugin URL must not carry credentials', [
        'put registry credentials in your .npmrc, never in a URL: they would end up in state files and process lists',
      ])
    }
    if (version) throw invalidSpec(raw, '--version does not apply to a tarball URL')
    return {kind: 'remote', url: url.href}
  }
  const at = text.indexOf('@', 1)
  const name = at === -1 ? text : text.slice(0, at)
  const inSpec = at === -1 ? undefined : text.slice(at + 1)
  const {scope} = checkNpmName(name)
  const range = (version ?? inSpec ?? 'latest').replace(/^v(?=\d)/, '')
  if (range === '' || !isValidRange(range)) throw invalidSpec(raw, `${JSON.stringify(range.slice(0, 60))} is neither a version, a semver range nor a dist-tag`)
  return {kind: 'registry', name, range, ...(scope ? {scope} : {})}
}

/** The spec as npm takes it on its command line. */
export function npmArgument(spec: NpmSpec): string {
  return spec.kind === 'remote' ? spec.url : `${spec.name}@${spec.range}`
}

/** A URL without userinfo (registry URLs come from the user's npm config, which may embed a token). */
export function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw)
    url.username = ''
    url.password = ''
    return url.href
  } catch {
    return raw.replace(/\/\/[^/@\s]*@/, '//')
  }
}
