/**
 * Where a plugin's releases live. First-party plugins resolve through registry/plugins.json and
 * share the kernel's repository (tags plugins/<name>/vX.Y.Z); anything else is third-party, comes
 * from an explicit --source github.com/<org>/<repo>[@vX.Y.Z] and uses that repo's vX.Y.Z tags.
 */
import {usageError} from '@aigogo/sdk'

import type {FirstPartyRegistry} from './first-party-registry.js'
import {pluginUnknown} from './plugin-errors.js'
import type {PluginSource} from './plugin-state.js'

export interface ResolvedSource {
  source: PluginSource
  firstParty: boolean
  /** The npm package a first-party plugin must be. */
  package?: string
  /** A version embedded in --source (…@v1.2.3); --version overrides it. */
  version?: string
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/

export function parseSourceSpec(spec: string): {host: string; repo: string; version?: string} {
  const trimmed = spec.trim().replace(/^https?:\/\//, '').replace(/\.git$/, '')
  const at = trimmed.lastIndexOf('@')
  const [path, version] = at > 0 ? [trimmed.slice(0, at), trimmed.slice(at + 1)] : [trimmed, undefined]
  const parts = path.replace(/\/+$/, '').split('/')
  const host = parts[0] ?? ''
  const repo = parts.slice(1).join('/')
  if (host !== 'github.com' || !REPO.test(repo) || repo.split('/').some((p) => p === '.' || p === '..')) {
    throw usageError('PLUGIN_SOURCE_INVALID', `--source ${JSON.stringify(spec)} is not github.com/<org>/<repo>`, [
      'plugins are installed from GitHub releases: --source github.com/<org>/<repo> (optionally @vX.Y.Z)',
    ], {source: spec})
  }
  return {host, repo, ...(version ? {version} : {})}
}

export function sameSource(a: {host: string; repo: string}, b: {host: string; repo: string}): boolean {
  return a.host === b.host && a.repo.toLowerCase() === b.repo.toLowerCase()
}

export function resolveSource(name: string, spec: string | undefined, registry: FirstPartyRegistry): ResolvedSource {
  const entry = registry.plugins[name]
  if (!spec) {
    if (!entry) throw pluginUnknown(name, 'install')
    return {firstParty: true, package: entry.package, source: {host: entry.host, repo: entry.repo, tagPrefix: entry.tagPrefix}}
  }
  const parsed = parseSourceSpec(spec)
  if (entry) {
    if (!sameSource(parsed, entry)) {
      throw usageError('PLUGIN_NAME_RESERVED', `"${name}" is a first-party plugin name; it installs only from ${entry.host}/${entry.repo}`, [
        `install the first-party plugin: aigogo plugins install ${name}`,
        'install a third-party plugin under its own name',
      ], {name})
    }
    return {firstParty: true, package: entry.package, source: {host: entry.host, repo: entry.repo, tagPrefix: entry.tagPrefix}, version: parsed.version}
  }
  return {firstParty: false, source: {host: parsed.host, repo: parsed.repo, tagPrefix: ''}, version: parsed.version}
}

export function describeSource(source: PluginSource): string {
  return `${source.host}/${source.repo}`
}
