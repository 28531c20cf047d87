/**
 * Who published a package: signatures and the trust policy, as the signing plugin offers them.
 * The registry plugin asks it before a package enters the store (add, install, pull) and when
 * it shows a package (info, push --sign); the imports plugin records the verified signer in the
 * lock. Signatures travel as OCI referrers (the "referrers" capability).
 */
import type {ReferrerSubject, ReferrersCapability} from './referrers.js'

/** A signature found on a package, verified or not against a key. */
export interface PackageSignature {
  /** The key id from the bundle's public-key hint: "sha256:<hex>" of the public key's DER (SPKI). */
  keyId: string
  /** The referrer (artifact manifest) that carries it. */
  referrer: string
  /** Only set by describe when a trusted key was found for it. */
  verified?: boolean
  /**
   * Why the signature cannot count (set by describe): the bundle is unreadable, signs another
   * manifest, does not verify, or is of a kind aigogo cannot check (keyId is "" then).
   */
  invalid?: string
}

/** What the trust policy decided for one package. */
export interface TrustDecision {
  /** The policy scope that applied ("ghcr.io/acme/*"), or undefined when no scope covers it. */
  scope?: string
  /** Where that scope came from: the user's policy (AIGOGO_HOME) or the project's file. */
  policyFile?: string
  /** The key id whose signature verified; undefined when no scope applies. */
  signer?: string
}

export interface TrustContext {
  /** The project directory, for a project policy beside aigogo.lock; absent: the user's policy only. */
  projectDir?: string
  /**
   * The referrers capability to list and fetch signatures with. A capability module has no oclif
   * config to look it up: a caller passes capability(config, 'referrers'), or the registry plugin
   * its own. Needed by enforce (when a scope applies) and describe; absent: CAPABILITY_MISSING.
   */
  referrers?: ReferrersCapability
}

export interface SignOptions {
  /** The private key file (PEM, PKCS#8, optionally encrypted: AIGOGO_KEY_PASSWORD or a prompt). */
  keyFile: string
  /** As in TrustContext: where the signature is attached. */
  referrers?: ReferrersCapability
}

export interface PackageTrustCapability {
  /** Cheap: whether any policy scope could cover this registry/repository (no network). */
  covers(registry: string, repository: string, context?: TrustContext): Promise<boolean>
  /**
   * Enforces the policy on a resolved package before it is stored. No scope covers it: returns
   * {} and fetches nothing. In scope: finds a signature by an allowed key that verifies over the
   * manifest bytes, or throws SIGNATURE_MISSING / SIGNATURE_UNTRUSTED / SIGNATURE_INVALID.
   */
  enforce(subject: ReferrerSubject, context?: TrustContext): Promise<TrustDecision>
  /**
   * The package's signatures (key ids), each marked verified when a trusted key checks it. Each
   * is carried by one of the subject's referrers, so a subject with none has no signatures: a
   * caller may skip the call then (info does, and does not load the provider).
   */
  describe(subject: ReferrerSubject, context?: TrustContext): Promise<PackageSignature[]>
  /** Signs the manifest with a private key file (PEM) and attaches the bundle as a referrer. */
  sign(subject: ReferrerSubject, options: SignOptions): Promise<PackageSignature>
}
