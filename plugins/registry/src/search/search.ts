/**
 * Registry-wide search, bounded: per registry at most `maxRepositories` catalog entries, per
 * repository at most `maxTags` tags; the manifest of each repository's latest tag and, for aigogo
 * packages, its config blob (aigogo.json, cached by digest). No layer is downloaded. The result
 * says for each registry whether it was read to the end, and where to go on when it was not.
 */
import {type PackageManifest, readSettings, type RegistrySearchHit, type RegistrySearchOptions, type RegistrySearchReport, type RegistrySearchResult, AigogoError, quoteUntrusted, usageError} from '@aigogo/sdk/core'

import {mapLimit} from '../concurrency.js'
import {registryName} from '../login.js'
import {nextLink} from '../pagination.js'
import {resolvePackage} from '../resolve-package.js'
import {parseReference} from '../reference.js'
import {Repository} from '../repository.js'
import {createSession, type Session} from '../session.js'
import {readLimitedJson} from '../transport/body.js'
import {responseError} from '../errcode.js'
import {readCatalog} from './catalog.js'
import {configBlob} from './config-cache.js'

export const DEFAULT_MAX_REPOSITORIES = 500
export const DEFAULT_MAX_TAGS = 1000
/** Repositories inspected at once (tag list, manifest, config: three small requests each). */
const IN_FLIGHT = 8

/** Highest version-looking tag, else "latest", else the last tag. */
export function latestTag(tags: readonly string[]): string | undefined {
  const versions = tags.filter((t) => /^v?\d+(\.\d+)*$/.test(t))
  if (versions.length > 0) return versions.sort((a, b) => compareVersions(a.replace(/^v/, ''), b.replace(/^v/, ''))).at(-1)
  return tags.includes('latest') ? 'latest' : tags.at(-1)
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** At most `limit` tags, following the Link header; `cut` when the repository has more. */
async function readTags(repository: Repository, limit: number): Promise<{tags: string[]; cut: boolean}> {
  const tags: string[] = []
  const first = await repository.url('tags/list')
  first.searchParams.set('n', String(Math.min(limit, 1000)))
  let url: URL | undefined = first
  while (url) {
    const response = await repository.send({method: 'GET', url})
    if (response.status !== 200) throw await responseError(response, `list the tags of ${repository.ref.repository}`, repository.registry)
    const link = nextLink(response)
    const page = (await readLimitedJson(response, 'tag list')) as {tags?: unknown} | null
    const names = (Array.isArray(page?.tags) ? page.tags : []).filter((t): t is string => typeof t === 'string' && /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/.test(t))
    for (const tag of names) {
      if (tags.length === limit) return {cut: true, tags}
      tags.push(tag)
    }
    // A next page elsewhere is not followed.
    if (names.length === 0 || !link || !(await repository.isOwnOrigin(link))) return {cut: false, tags}
    if (tags.length === limit) return {cut: true, tags}
    url = link
  }
  return {cut: false, tags}
}

/** What search shows of a package: its aigogo.json fields, as far as they have the right types. */
function describe(manifest: PackageManifest | undefined): Pick<RegistrySearchHit, 'name' | 'version' | 'summary' | 'capabilities'> & {description?: string} {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)
  const ai = manifest?.ai as {summary?: unknown; capabilities?: unknown} | undefined
  const capabilities = Array.isArray(ai?.capabilities) ? ai.capabilities.filter((c): c is string => typeof c === 'string') : undefined
  return {
    capabilities: capabilities && capabilities.length > 0 ? capabilities : undefined,
    description: text(manifest?.description),
    name: text(manifest?.name),
    summary: text(ai?.summary) ?? text(manifest?.description),
    version: text(manifest?.version),
  }
}

async function inspect(session: Session, registry: string, name: string, maxTags: number, env: NodeJS.ProcessEnv): Promise<(RegistrySearchHit & {description?: string}) | undefined> {
  const repository = new Repository(session, parseReference(`${registry}/${name}`))
  const {tags, cut} = await readTags(repository, maxTags).catch(() => ({cut: false, tags: [] as string[]}))
  const latest = latestTag(tags)
  if (!latest) return undefined
  const ref = `${registry}/${name}:${latest}`
  const hit: RegistrySearchHit & {description?: string} = {latest, matched: [], ref, registry, repository: name, ...(cut ? {tagsCut: true} : {})}
  try {
    const resolved = await resolvePackage(session, ref)
    if (resolved.manifest.format === 'oci') {
      const config = JSON.parse((await configBlob(resolved.repository, resolved.manifest.config, env)).toString('utf8')) as PackageManifest
      Object.assign(hit, describe(typeof config === 'object' && config !== null ? config : undefined))
    }
  } catch {
    hit.foreign = true
  }
  return hit
}

function matches(hit: RegistrySearchHit & {description?: string}, needle: string): string[] {
  if (needle === '') return []
  const fields: [string, string | undefined][] = [
    ['repository', hit.repository],
    ['name', hit.name],
    ['summary', hit.summary],
    // The summary falls back to the description: one field, named once.
    ['description', hit.description === hit.summary ? undefined : hit.description],
    ['capabilities', hit.capabilities?.join('\n')],
  ]
  return fields.filter(([, value]) => value?.toLowerCase().includes(needle)).map(([field]) => field)
}

async function searchOne(registry: string, needle: string, limits: {maxRepositories: number; maxTags: number; after?: string}, env: NodeJS.ProcessEnv): Promise<{hits: RegistrySearchHit[]; report: RegistrySearchReport}> {
  const session = createSession({env})
  try {
    const catalog = await readCatalog(session, registry, {after: limits.after, limit: limits.maxRepositories})
    const inspected = await mapLimit(catalog.repositories, IN_FLIGHT, (name) => inspect(session, registry, name, limits.maxTags, env))
    const hits: RegistrySearchHit[] = []
    for (const found of inspected) {
      if (!found) continue
      const matched = matches(found, needle)
      if (needle !== '' && matched.length === 0) continue
      const {description: _description, ...hit} = found
      hits.push({...hit, matched})
    }
    const report: RegistrySearchReport = {complete: catalog.complete, registry, repositoriesRead: catalog.repositories.length}
    if (!catalog.complete) {
      report.stoppedEarly = `read ${catalog.repositories.length} repositories, the limit (--max-repositories, or aigogo config set search.max-repositories); the catalog goes on`
      report.next = catalog.repositories.at(-1)
    }
    return {hits, report}
  } finally {
    await session.close()
  }
}

function positive(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 1) throw usageError('SEARCH_LIMIT_INVALID', `${what} must be a whole number of at least 1, not ${value}`, [`for example: --${what} 500`])
  return value
}

/** A registry as typed ("https://host:port/" too), or REGISTRY_INVALID (not a reference error about "<host>/x"). */
function hostOf(text: string): string {
  try {
    return registryName(text)
  } catch {
    throw usageError('REGISTRY_INVALID', `${quoteUntrusted(text)} is not a registry`, ['write it as host[:port], for example localhost:5000 or registry.example.com'], {registry: text})
  }
}

/** The registries to search: as given, else AIGOGO_REGISTRY (comma or space separated), else the "registry" setting. */
export async function searchRegistries(options: RegistrySearchOptions, env: NodeJS.ProcessEnv): Promise<string[]> {
  const settings = await readSettings(env)
  const given = options.registries && options.registries.length > 0 ? [...options.registries] : undefined
  const configured = Array.isArray(settings.registry) && settings.registry.length > 0 ? settings.registry : undefined
  const fromEnv = (env.AIGOGO_REGISTRY ?? '').split(/[\s,]+/).filter(Boolean)
  const chosen = given ?? (fromEnv.length > 0 ? fromEnv : undefined) ?? configured ?? []
  if (chosen.length === 0) {
    throw usageError('SEARCH_NO_REGISTRY', 'say which registry to search', [
      'name it: aigogo search <query> --registry localhost:5000',
      'or set the default once: aigogo config set registry localhost:5000 [more registries]',
      'or set AIGOGO_REGISTRY',
    ])
  }
  return [...new Set(chosen.map((r) => hostOf(r)))]
}

export async function searchPackages(options: RegistrySearchOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<RegistrySearchResult> {
  const query = options.query ?? ''
  const registries = await searchRegistries(options, env)
  const settings = await readSettings(env)
  const limits = {
    after: options.after,
    maxRepositories: positive(options.maxRepositories ?? (settings['search.max-repositories'] as number | undefined), DEFAULT_MAX_REPOSITORIES, 'max-repositories'),
    maxTags: positive(options.maxTags ?? (settings['search.max-tags'] as number | undefined), DEFAULT_MAX_TAGS, 'max-tags'),
  }
  if (options.after !== undefined && registries.length > 1) {
    throw usageError('SEARCH_AFTER_ONE_REGISTRY', '--after goes on in one registry\'s catalog, and several registries are searched', ['name the registry: aigogo search <query> --registry <host> --after <repository>'])
  }
  const needle = query.trim().toLowerCase()
  const outcomes = await Promise.allSettled(registries.map((registry) => searchOne(registry, needle, limits, env)))
  // One registry: its failure is the command's. Several: the others' results still count.
  const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
  if (failures.length === outcomes.length) throw failures[0]!.reason
  const results: RegistrySearchHit[] = []
  const reports: RegistrySearchReport[] = []
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') {
      results.push(...outcome.value.hits)
      reports.push(outcome.value.report)
      return
    }
    const error = outcome.reason as unknown
    reports.push({complete: false, error: {code: AigogoError.is(error) ? error.code : 'INTERNAL', message: error instanceof Error ? error.message : String(error)}, registry: registries[index]!, repositoriesRead: 0})
  })
  return {complete: reports.every((r) => r.complete), query, registries: reports, results}
}
