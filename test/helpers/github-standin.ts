/**
 * A local stand-in for the GitHub Releases API (node http on 127.0.0.1) plus a second server on
 * 127.0.0.2 playing the asset CDN that release downloads redirect to. It paginates (a small page
 * size, Link headers like GitHub's), serves drafts, prereleases and tags of other prefixes as
 * given, can answer with a status or hang, and records every request with its Authorization.
 *
 * It also builds real release assets from test/fixtures/example-plugin: the plugin is copied,
 * renamed and versioned, given a real oclif manifest, packed npm-style (package/…) into
 * aigogo-plugin-<name>-<X.Y.Z>.tgz, and listed in a sha256sum-format checksums.txt.
 */
import {execa} from 'execa'
import {createHash} from 'node:crypto'
import {chmod, cp, mkdir, mkdtemp, readFile, readdir, rename, rm, symlink, writeFile} from 'node:fs/promises'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import * as tar from 'tar'

import {REPO_ROOT} from './cli.js'

export const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'example-plugin')

export interface StandinRelease {
  tag: string
  draft?: boolean
  prerelease?: boolean
  /** Asset name -> content. */
  assets?: Record<string, Buffer | string>
}

export interface RecordedRequest {
  host: 'api' | 'cdn'
  path: string
  authorization: string | undefined
}

export type Fault = {status: number} | {hang: true}

export class GithubStandin {
  /** Releases per repo ("org/repo"), newest first, as GitHub lists them. */
  readonly repos = new Map<string, StandinRelease[]>()
  readonly requests: RecordedRequest[] = []
  /** Answer every API request matching the pattern with a fault. */
  readonly faults: {pattern: RegExp; fault: Fault}[] = []
  pageSize = 3
  private api!: Server
  private cdn!: Server
  apiUrl = ''
  cdnUrl = ''

  async start(): Promise<this> {
    this.api = await listen((req, res) => this.handleApi(req, res), '127.0.0.1')
    this.cdn = await listen((req, res) => this.handleCdn(req, res), '127.0.0.2')
    this.apiUrl = `http://127.0.0.1:${(this.api.address() as AddressInfo).port}`
    this.cdnUrl = `http://127.0.0.2:${(this.cdn.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    for (const server of [this.api, this.cdn]) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  }

  setReleases(repo: string, releases: StandinRelease[]): void {
    this.repos.set(repo, releases)
  }

  addRelease(repo: string, release: StandinRelease): void {
    this.repos.set(repo, [release, ...(this.repos.get(repo) ?? [])])
  }

  private releaseJson(repo: string, release: StandinRelease, index: number): unknown {
    return {
      assets: Object.keys(release.assets ?? {}).map((name, i) => ({
        browser_download_url: `${this.cdnUrl}/download/${repo}/${encodeURIComponent(release.tag)}/${name}`,
        id: index * 100 + i,
        name,
        url: `${this.apiUrl}/repos/${repo}/releases/assets/${encodeURIComponent(release.tag)}/${name}`,
      })),
      draft: release.draft ?? false,
      id: index,
      prerelease: release.prerelease ?? false,
      tag_name: release.tag,
    }
  }

  private handleApi(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.apiUrl)
    this.requests.push({authorization: req.headers.authorization, host: 'api', path: url.pathname + url.search})
    const fault = this.faults.find((f) => f.pattern.test(url.pathname))?.fault
    if (fault && 'hang' in fault) return // never answer: the client must time out
    if (fault) return void res.writeHead(fault.status, {'content-type': 'application/json'}).end('{"message":"stand-in fault"}')
    const match = /^\/repos\/([^/]+\/[^/]+)\/releases(\/.*)?$/.exec(url.pathname)
    const releases = match ? this.repos.get(match[1]!) : undefined
    if (!match || !releases) return void res.writeHead(404).end('{"message":"Not Found"}')
    const repo = match[1]!
    const rest = match[2] ?? ''
    if (rest === '') {
      const page = Number(url.searchParams.get('page') ?? '1')
      const size = Math.min(Number(url.searchParams.get('per_page') ?? '30'), this.pageSize)
      const slice = releases.slice((page - 1) * size, page * size)
      const headers: Record<string, string> = {'content-type': 'application/json'}
      if (page * size < releases.length) headers.link = `<${this.apiUrl}/repos/${repo}/releases?per_page=${size}&page=${page + 1}>; rel="next"`
      return void res.writeHead(200, headers).end(JSON.stringify(slice.map((r, i) => this.releaseJson(repo, r, i))))
    }
    const byTag = /^\/tags\/(.+)$/.exec(rest)
    if (byTag) {
      const tag = decodeURIComponent(byTag[1]!)
      const index = releases.findIndex((r) => r.tag === tag)
      if (index === -1) return void res.writeHead(404).end('{"message":"Not Found"}')
      return void res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify(this.releaseJson(repo, releases[index]!, index)))
    }
    const asset = /^\/assets\/([^/]+)\/(.+)$/.exec(rest)
    if (asset) {
      // Like GitHub: the API answers an asset download with a redirect to another host.
      return void res.writeHead(302, {location: `${this.cdnUrl}/download/${repo}/${asset[1]}/${asset[2]}`}).end()
    }
    res.writeHead(404).end()
  }

  private handleCdn(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.cdnUrl)
    this.requests.push({authorization: req.headers.authorization, host: 'cdn', path: url.pathname})
    const match = /^\/download\/([^/]+\/[^/]+)\/([^/]+)\/(.+)$/.exec(url.pathname)
    const release = match ? this.repos.get(match[1]!)?.find((r) => r.tag === decodeURIComponent(match[2]!)) : undefined
    const body = match && release?.assets?.[match[3]!]
    if (body === undefined || body === null) return void res.writeHead(404).end()
    res.writeHead(200, {'content-type': 'application/octet-stream'}).end(body)
  }
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, host: string): Promise<Server> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  return server
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

export function checksumsFor(files: Record<string, Buffer>): string {
  return Object.entries(files).map(([name, data]) => `${sha256(data)}  ${name}\n`).join('')
}

export interface BundleOptions {
  name?: string
  version?: string
  packageName?: string
  /** Extra files to add, relative to the plugin root (e.g. "assets/skills/bad.md"). */
  extraFiles?: Record<string, string>
  /** Paths to delete, relative to the plugin root (e.g. "assets"). */
  remove?: string[]
  /** File modes to set before packing, relative to the plugin root (e.g. {"suid.py": 0o4755}). */
  modes?: Record<string, number>
}

/** Builds the fixture plugin into a plugin directory (not packed). */
export async function buildPluginDir(options: BundleOptions = {}): Promise<string> {
  const name = options.name ?? 'example'
  const version = options.version ?? '1.0.0'
  const dir = join(await mkdtemp(join(tmpdir(), 'aigogo-bundle-')), 'package')
  await cp(FIXTURE, dir, {recursive: true})
  const pjson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown> & {aigogo: {name: string}}
  pjson.name = options.packageName ?? `aigogo-plugin-${name}`
  pjson.version = version
  pjson.aigogo.name = name
  await writeFile(join(dir, 'package.json'), JSON.stringify(pjson, null, 2))
  if (name !== 'example') {
    await rename(join(dir, 'dist/commands/example'), join(dir, `dist/commands/${name}`))
    for (const category of ['skills', 'agents']) {
      for (const entry of await readdir(join(dir, 'assets', category))) {
        await rename(join(dir, 'assets', category, entry), join(dir, 'assets', category, entry.replace('aigogo-example-', `aigogo-${name}-`)))
      }
    }
  }
  await writeFile(join(dir, 'oclif.manifest.json'), JSON.stringify(await manifestFor(name, pjson.name as string, version), null, 2))
  for (const path of options.remove ?? []) await rm(join(dir, path), {force: true, recursive: true})
  for (const [path, content] of Object.entries(options.extraFiles ?? {})) {
    await mkdir(join(dir, path, '..'), {recursive: true})
    await writeFile(join(dir, path), content)
  }
  for (const [path, mode] of Object.entries(options.modes ?? {})) await chmod(join(dir, path), mode)
  return dir
}

/** Packs a plugin directory npm-style: every path under package/. */
export async function packPluginDir(dir: string): Promise<Buffer> {
  const file = join(dir, '..', 'bundle.tgz')
  await tar.c({cwd: join(dir, '..'), file, gzip: true, portable: true}, ['package'])
  return readFile(file)
}

export interface BuiltRelease {
  assetName: string
  bundle: Buffer
  release: StandinRelease
}

/** A release (tag + bundle + checksums.txt) for the stand-in. */
export async function buildRelease(tag: string, options: BundleOptions = {}): Promise<BuiltRelease> {
  const name = options.name ?? 'example'
  const version = options.version ?? '1.0.0'
  const dir = await buildPluginDir(options)
  const bundle = await packPluginDir(dir)
  // The bundle is in memory now: leave nothing in /tmp.
  await rm(join(dir, '..'), {force: true, recursive: true})
  const assetName = `aigogo-plugin-${name}-${version}.tgz`
  return {assetName, bundle, release: {assets: {[assetName]: bundle, 'checksums.txt': checksumsFor({[assetName]: bundle})}, tag}}
}

let template: Promise<{commands: Record<string, Record<string, unknown>>}> | undefined

/** The fixture's real oclif manifest (generated once), renamed and re-versioned. */
async function manifestFor(name: string, packageName: string, version: string): Promise<unknown> {
  template ??= generateTemplate()
  const base = await template
  const command = {...base.commands['example:hello']!}
  command.id = `${name}:hello`
  command.pluginName = packageName
  command.pluginAlias = packageName
  command.relativePath = ['dist', 'commands', name, 'hello.js']
  return {commands: {[`${name}:hello`]: command}, version}
}

async function generateTemplate(): Promise<{commands: Record<string, Record<string, unknown>>}> {
  const dir = await mkdtemp(join(tmpdir(), 'aigogo-manifest-'))
  await cp(FIXTURE, dir, {recursive: true})
  await mkdir(join(dir, 'node_modules', '@aigogo'), {recursive: true})
  await mkdir(join(dir, 'node_modules', '@oclif'), {recursive: true})
  await symlink(join(REPO_ROOT, 'node_modules', '@aigogo', 'sdk'), join(dir, 'node_modules', '@aigogo', 'sdk'))
  await symlink(join(REPO_ROOT, 'node_modules', '@oclif', 'core'), join(dir, 'node_modules', '@oclif', 'core'))
  await execa(join(REPO_ROOT, 'node_modules', '.bin', 'oclif'), ['manifest'], {cwd: dir, env: {OCLIF_SKIP_UPDATE_CHECK: '1'}})
  const manifest = JSON.parse(await readFile(join(dir, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, Record<string, unknown>>}
  await rm(dir, {force: true, recursive: true})
  return manifest
}
