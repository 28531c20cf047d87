/**
 * Metadata without layer downloads: info (manifest digest, format, sizes, aigogo.json from the
 * config blob) and search over the catalog.
 */
import {type PackageManifest, preconditionError} from '@aigogo/sdk/core'

import {responseError} from './errcode.js'
import {nextLink} from './pagination.js'
import {resolvePackage} from './pull.js'
import {parseReference} from './reference.js'
import {Repository} from './repository.js'
import type {Session} from './session.js'
import {readLimitedJson} from './transport/body.js'
import type {WireFormat} from './format.js'

export interface PackageInfo {
  ref: string
  digest: string
  format: WireFormat
  mediaType: string
  /** Manifest + config + layer bytes. */
  size: number
  annotations: Record<string, string>
  /** The package's aigogo.json; for the upstream format it is not known without the layer. */
  package?: PackageManifest
}

export async function packageInfo(session: Session, text: string): Promise<PackageInfo> {
  const resolved = await resolvePackage(session, text)
  const {config, format, layer, mediaType, annotations} = resolved.manifest
  let pkg: PackageManifest | undefined
  if (format === 'oci') pkg = JSON.parse((await resolved.repository.fetchSmallBlob(config)).toString('utf8')) as PackageManifest
  return {
    annotations,
    digest: resolved.digest,
    format,
    mediaType,
    package: pkg,
    ref: text,
    size: resolved.manifestBytes.length + config.size + layer.size,
  }
}

export async function catalog(session: Session, registry: string): Promise<string[]> {
  const origin = await session.origin(parseReference(`${registry}/x`).apiHost)
  const all: string[] = []
  let url: URL | undefined = new URL(`${origin}/v2/_catalog?n=100`)
  while (url) {
    const response = await session.send({method: 'GET', scopes: ['registry:catalog:*'], url})
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      const error = await responseError(response, 'list its repositories', registry)
      throw preconditionError('SEARCH_UNSUPPORTED', `${registry} does not let you list its repositories: ${error.message}`, [
        'search needs the registry catalog API (/v2/_catalog); Docker Hub and GHCR do not offer it',
        `log in if the registry requires it: aigogo login ${registry}`,
      ])
    }
    if (response.status !== 200) throw await responseError(response, 'list its repositories', registry)
    const next = nextLink(response)
    const page = (await readLimitedJson(response, 'catalog')) as {repositories?: string[] | null}
    all.push(...(page.repositories ?? []))
    url = next
  }
  return all
}

export interface SearchHit {
  repository: string
  ref: string
  latest?: string
  summary?: string
  /** From the package's aigogo.json (config blob). */
  name?: string
  version?: string
  capabilities?: string[]
  /** True when the latest tag is not an aigogo package (or could not be read). */
  foreign?: boolean
}

/** Highest version-looking tag, else "latest", else the last tag. */
export function latestTag(tags: readonly string[]): string | undefined {
  const versions = tags.filter((t) => /^v?\d+(\.\d+)*$/.test(t))
  if (versions.length > 0) {
    return versions.sort((a, b) => compareVersions(a.replace(/^v/, ''), b.replace(/^v/, ''))).at(-1)
  }
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

export async function search(session: Session, registry: string, query: string): Promise<SearchHit[]> {
  const needle = query.toLowerCase()
  const repositories = await catalog(session, registry)
  const hits: SearchHit[] = []
  for (const name of repositories) {
    const repository = new Repository(session, parseReference(`${registry}/${name}`))
    const latest = latestTag(await repository.tags())
    if (!latest) continue
    const ref = `${registry}/${name}:${latest}`
    let summary: string | undefined
    let pkg: PackageManifest | undefined
    let foreign = false
    try {
      pkg = (await packageInfo(session, ref)).package
      summary = pkg?.ai?.summary ?? pkg?.description
    } catch {
      foreign = true
    }
    const haystack = `${name} ${summary ?? ''}`.toLowerCase()
    if (needle === '' || haystack.includes(needle)) {
      hits.push({foreign, latest, ref, repository: name, summary, ...(pkg ? {capabilities: pkg.ai?.capabilities ?? [], name: pkg.name, version: pkg.version} : {})})
    }
  }
  return hits
}
