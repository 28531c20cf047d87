/**
 * GitHub Releases: the prefix-aware latest lookup, a release by tag, and asset downloads.
 * "Latest" never uses /releases/latest, which returns the repository's newest release whatever
 * its prefix (a kernel v1.4.0 would pass for the latest store plugin). Instead: list every page,
 * keep tags with the prefix, drop drafts and prereleases, parse strict semver, highest wins.
 */
import {messageOf} from '@aigogo/sdk'
import {createHash} from 'node:crypto'
import {createWriteStream} from 'node:fs'
import {pipeline} from 'node:stream/promises'
import {Transform} from 'node:stream'

import {type GithubClient, githubGet, githubJson} from './github-http.js'
import {fetchFailed} from './plugin-errors.js'
import {isNewer, stableVersionOf} from './release-tags.js'

const PER_PAGE = 100
const MAX_PAGES = 100

export interface ReleaseAsset {
  name: string
  /** API URL: downloads with Accept: application/octet-stream, redirects to the CDN. */
  url: string
  browser_download_url?: string
}

export interface Release {
  tag_name: string
  draft?: boolean
  prerelease?: boolean
  assets?: ReleaseAsset[]
}

function nextLink(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header
  if (!value) return undefined
  for (const part of value.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (match) return match[1]
  }
  return undefined
}

/** Every release of a repository, following Link rel="next" (or the page number) to the end. */
export async function listReleases(client: GithubClient, repo: string): Promise<Release[]> {
  const all: Release[] = []
  let url: string | undefined = `${client.apiUrl}/repos/${repo}/releases?per_page=${PER_PAGE}&page=1`
  for (let page = 1; url && page <= MAX_PAGES; page++) {
    const {headers, value}: {headers: Record<string, string | string[] | undefined>; value: unknown} = await githubJson(client, url)
    if (!Array.isArray(value)) throw fetchFailed(`GET ${url} did not return a list of releases`)
    all.push(...(value as Release[]))
    const linked = nextLink(headers.link)
    // Never follow a "next" link off the API host: it would not get (or should not get) the token.
    if (linked && new URL(linked, url).origin === client.apiOrigin) url = new URL(linked, url).href
    else if (!headers.link && value.length === PER_PAGE) url = `${client.apiUrl}/repos/${repo}/releases?per_page=${PER_PAGE}&page=${page + 1}`
    else url = undefined
  }
  return all
}

export interface LatestRelease {
  tag: string
  version: string
}

/** The highest stable release under a tag prefix, or undefined when there is none. */
export function pickLatest(releases: readonly Release[], prefix: string): LatestRelease | undefined {
  let best: LatestRelease | undefined
  for (const release of releases) {
    if (release.draft || release.prerelease || typeof release.tag_name !== 'string') continue
    const version = stableVersionOf(release.tag_name, prefix)
    if (version && (!best || isNewer(version, best.version))) best = {tag: release.tag_name, version}
  }
  return best
}

export async function latestRelease(client: GithubClient, repo: string, prefix: string): Promise<LatestRelease | undefined> {
  return pickLatest(await listReleases(client, repo), prefix)
}

export async function releaseByTag(client: GithubClient, repo: string, tag: string): Promise<Release> {
  const url = `${client.apiUrl}/repos/${repo}/releases/tags/${tag.split('/').map(encodeURIComponent).join('/')}`
  const {value} = await githubJson(client, url)
  const release = value as Release
  if (typeof release?.tag_name !== 'string') throw fetchFailed(`GET ${url} did not return a release`)
  return release
}

/** Downloads an asset to a file, returning its sha256 (hex). */
export async function downloadAsset(client: GithubClient, asset: ReleaseAsset, file: string): Promise<string> {
  const response = await githubGet(client, asset.url, 'application/octet-stream')
  const hash = createHash('sha256')
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      done(null, chunk)
    },
  })
  try {
    await pipeline(response.body, tap, createWriteStream(file, {mode: 0o600}))
  } catch (error) {
    throw fetchFailed(`downloading ${asset.name} failed: ${messageOf(error)}`)
  }
  return hash.digest('hex')
}

export async function downloadText(client: GithubClient, asset: ReleaseAsset): Promise<string> {
  const response = await githubGet(client, asset.url, 'application/octet-stream')
  try {
    return await response.body.text()
  } catch (error) {
    throw fetchFailed(`downloading ${asset.name} failed: ${messageOf(error)}`)
  }
}
