/**
 * Registry references: [host[:port]/]path/name[:tag][@sha256:hex].
 * A reference with no "/" is a local build (the store's "local" source), not a registry ref.
 */
import {quoteUntrusted, redactSecrets, usageError} from '@aigogo/sdk/core'

import {DOCKER_HUB} from './constants.js'

export interface Reference {
  /** The registry as the person names it (docker.io, localhost:5000, [::1]:5000). */
  registry: string
  /** host[:port] to connect to (registry-1.docker.io for docker.io). */
  apiHost: string
  repository: string
  tag?: string
  digest?: string
}

const EXPECTED = 'registry/name:tag or registry/name@sha256:<64 hex> (for example localhost:5000/team/my-utils:1.0.0)'
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^\w[\w.-]{0,127}$/
const DIGEST = /^sha256:[a-f0-9]{64}$/
/** Longest repository name, registry host included (distribution/reference NameTotalLengthMax). */
const MAX_NAME_LENGTH = 255

export function isRegistryRef(ref: string): boolean {
  return ref.includes('/')
}

function malformed(ref: string, why: string, hints: string[] = []): never {
  // The reference is echoed quoted and cut, and never with the credentials someone put into it.
  const safe = redactSecrets(ref)
  throw usageError('REFERENCE_INVALID', `${quoteUntrusted(safe, 300)} is not a valid registry reference: ${why}`, [...hints, `write it as ${EXPECTED}`], {ref: safe.slice(0, 300)})
}

/** Whether the first path segment names a registry host rather than a namespace (Docker's rule). */
function looksLikeHost(segment: string): boolean {
  return segment === 'localhost' || segment.includes('.') || segment.includes(':') || segment.startsWith('[')
}

export function parseReference(ref: string, options: {defaultTag?: string} = {}): Reference {
  const input = ref.trim()
  if (input === '') malformed(ref, 'it is empty')
  let rest = input
  let digest: string | undefined
  const at = rest.indexOf('@')
  const firstSlash = rest.indexOf('/')
  if (at !== -1 && firstSlash > at) {
    malformed(ref, 'it carries credentials (user:password@host)', ['sign in instead: aigogo login <host>'])
  }
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) malformed(ref, `${quoteUntrusted(digest)} is not a sha256 digest`)
  }
  let registry: string = DOCKER_HUB.name
  const slash = rest.indexOf('/')
  if (slash !== -1 && looksLikeHost(rest.slice(0, slash))) {
    registry = rest.slice(0, slash)
    rest = rest.slice(slash + 1)
    validateHost(ref, registry)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon !== -1) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) malformed(ref, `${quoteUntrusted(tag)} is not a valid tag (at most 128 letters, digits, "_", "." and "-", not starting with "." or "-")`)
  }
  if (rest === '') malformed(ref, 'the repository name is missing')
  for (const part of rest.split('/')) {
    if (!PATH_COMPONENT.test(part)) malformed(ref, `${quoteUntrusted(part)} is not a valid name component (lowercase letters, digits, . _ -)`)
  }
  // The distribution spec's limit on a repository name, registry host included (as Docker counts it).
  if (registry.length + 1 + rest.length > MAX_NAME_LENGTH) malformed(ref, `the name is longer than ${MAX_NAME_LENGTH} characters`)
  let repository = rest
  if (registry === DOCKER_HUB.name && !repository.includes('/')) repository = `library/${repository}`
  if (!tag && !digest && options.defaultTag) tag = options.defaultTag
  return {apiHost: registry === DOCKER_HUB.name ? DOCKER_HUB.apiHost : registry, digest, registry, repository, tag}
}

function validateHost(ref: string, host: string): void {
  const ipv6 = /^\[[0-9a-fA-F:.]+\](?::\d{1,5})?$/
  const named = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?$/
  if (!ipv6.test(host) && !named.test(host)) malformed(ref, `${quoteUntrusted(host)} is not a valid registry host`)
  const port = /\]?:(\d+)$/.exec(host)?.[1]
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) malformed(ref, `the port ${port} is not between 1 and 65535`)
}

/** Parses a repository without tag or digest (for tags, delete --all). */
export function parseRepository(ref: string): Reference {
  const parsed = parseReference(ref)
  if (parsed.tag || parsed.digest) {
    throw usageError('REFERENCE_INVALID', `"${ref}" names a tag or digest; a repository was expected`, [
      'leave out the :tag and @digest, for example localhost:5000/team/my-utils',
    ])
  }
  return parsed
}

/** The tag or digest to ask the registry for. */
export function manifestReference(ref: Reference): string {
  return ref.digest ?? ref.tag ?? 'latest'
}

export function formatReference(ref: Reference): string {
  const base = `${ref.registry}/${ref.repository}`
  return ref.digest ? `${base}${ref.tag ? `:${ref.tag}` : ''}@${ref.digest}` : `${base}:${ref.tag ?? 'latest'}`
}

/** Hosts reached over plain HTTP without being listed as insecure. */
export function isLoopback(host: string): boolean {
  const name = hostname(host)
  return name === 'localhost' || name === '::1' || name === '127.0.0.1' || /^127\.\d+\.\d+\.\d+$/.test(name)
}

/** The host without port or IPv6 brackets. */
export function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'))
  const colon = host.lastIndexOf(':')
  return colon === -1 ? host : host.slice(0, colon)
}
