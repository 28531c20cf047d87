/**
 * Every media type, header name and limit the registry client uses, in one place.
 */

export const MediaType = {
  /** Our OCI 1.1 artifact (docs/FORMAT.md). */
  artifact: 'application/vnd.aigogo.package.v1',
  /** The config blob of our artifact: the package's aigogo.json, byte for byte. */
  packageConfig: 'application/vnd.aigogo.package.config.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerTarGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerTar: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerTarGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  octetStream: 'application/octet-stream',
  /** The empty config of an OCI artifact that has nothing to configure (a referrer's): `{}`. */
  ociEmpty: 'application/vnd.oci.empty.v1+json',
} as const

/** Everything pull accepts, most preferred first. */
export const MANIFEST_ACCEPT = [
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
].join(', ')

export const Header = {
  accept: 'accept',
  authorization: 'authorization',
  contentDigest: 'docker-content-digest',
  contentLength: 'content-length',
  contentRange: 'content-range',
  contentType: 'content-type',
  link: 'link',
  location: 'location',
  retryAfter: 'retry-after',
  userAgent: 'user-agent',
  wwwAuthenticate: 'www-authenticate',
  cookie: 'cookie',
  proxyAuthorization: 'proxy-authorization',
  /** A registry with the referrers API answers a manifest PUT that has a subject with it (OCI 1.1). */
  ociSubject: 'oci-subject',
  /** The referrers API's list of the filters it applied ("artifactType"). */
  ociFiltersApplied: 'oci-filters-applied',
} as const

/** Headers that must not follow a redirect to another origin. */
export const SENSITIVE_HEADERS: readonly string[] = [Header.authorization, Header.cookie, Header.proxyAuthorization]

export const Annotation = {
  title: 'org.opencontainers.image.title',
  version: 'org.opencontainers.image.version',
  description: 'org.opencontainers.image.description',
  authors: 'org.opencontainers.image.authors',
  licenses: 'org.opencontainers.image.licenses',
  url: 'org.opencontainers.image.url',
  refName: 'org.opencontainers.image.ref.name',
  packageName: 'dev.aigogo.package.name',
  language: 'dev.aigogo.package.language',
} as const

/** Manifests, tag lists, catalogs and tokens are small; anything larger is refused (as oras-go does). */
export const MAX_METADATA_BYTES = 4 * 1024 * 1024

/** A referrer's payload (a signature bundle, an attestation) is small; larger is refused. */
export const MAX_REFERRER_PAYLOAD_BYTES = 4 * 1024 * 1024

/** Pages of the referrers API read at most (each up to MAX_METADATA_BYTES). */
export const MAX_REFERRER_PAGES = 16

/** Blobs larger than this are uploaded in chunks when the monolithic PUT fails. */
export const CHUNK_SIZE = 16 * 1024 * 1024

/** Parallel blob transfers, consistent with dockerd, containerd and oras-go. */
export const BLOB_CONCURRENCY = 3

export const USER_AGENT = 'aigogo-registry/0.1'

/** The first entry of an upstream layer, written by the Go tool; not a package file. */
export const UPSTREAM_MARKER = '.aigogo-manifest.json'

/** The empty JSON config of upstream Docker-v2 pushes. */
export const EMPTY_JSON = '{}'

export const DOCKER_HUB = {
  name: 'docker.io',
  apiHost: 'registry-1.docker.io',
  /** Key under which Docker stores Hub credentials. */
  credentialKey: 'https://index.docker.io/v1/',
} as const
