/**
 * OCI 1.1 referrers, as the registry plugin offers them to other plugins (signing, for one):
 * artifacts that point at a package's manifest through their `subject`. Discovery uses the
 * registry's referrers API (GET /v2/<name>/referrers/<digest>) and, where the registry has none,
 * the referrers tag schema: an image index under the tag `sha256-<hex>` of the subject.
 */

/** A package manifest in a registry: what a referrer points at. */
export interface ReferrerSubject {
  /** host[:port], as in the reference. */
  registry: string
  /** "team/string-utils". */
  repository: string
  /** The manifest digest, "sha256:<hex>". */
  digest: string
  mediaType: string
  size: number
  /** The manifest exactly as the registry served it (digest-verified): what a signature covers. */
  manifestBytes: Uint8Array
}

/** One referrer, as listed in the referrers index. */
export interface ReferrerDescriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

export interface ReferrerList {
  referrers: ReferrerDescriptor[]
  /** "api": the registry's referrers API answered; "tag": the `sha256-<hex>` fallback index was read. */
  via: 'api' | 'tag'
}

export interface AttachOptions {
  /** The artifact's type, e.g. "application/vnd.dev.sigstore.bundle.v0.3+json". */
  artifactType: string
  /** The payload's own media type (the one layer of the artifact manifest). */
  payloadMediaType: string
  payload: Uint8Array
  annotations?: Record<string, string>
}

export interface ReferrersCapability {
  /** Resolves a registry reference to its manifest; REGISTRY_* / MANIFEST_* coded errors as pull gives. */
  resolve(ref: string): Promise<ReferrerSubject>
  /** The subject's referrers, optionally only those of one artifact type. */
  list(subject: ReferrerSubject, options?: {artifactType?: string}): Promise<ReferrerList>
  /**
   * A referrer's payload: its artifact manifest, then that manifest's single layer, both
   * digest-verified and size-capped (REFERRER_INVALID when the artifact is not one payload).
   */
  fetch(subject: ReferrerSubject, referrer: ReferrerDescriptor): Promise<Uint8Array>
  /**
   * Pushes the payload as an artifact whose subject is the package manifest. When the registry
   * does not answer with an `OCI-Subject` header, the fallback index under `sha256-<hex>` is
   * updated, keeping every referrer already listed there.
   */
  attach(subject: ReferrerSubject, options: AttachOptions): Promise<ReferrerDescriptor>
}
