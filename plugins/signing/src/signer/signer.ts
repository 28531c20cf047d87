/**
 * Who signs. The key-file signer is the one aigogo has; a keyless signer (Fulcio certificate for
 * an OIDC identity, Rekor log entry) would be another implementation of this interface: it returns
 * a certificate instead of a key hint, and the bundle builder and the verifier take it from there
 * (see docs/SIGNING.md, "Adding a keyless signer").
 */
export interface SignatureMaterial {
  /** The signature over the message (the package manifest's bytes). */
  signature: Buffer
  /** Key-based signing: the key id, stored as the bundle's public-key hint. */
  keyHint?: string
}

export interface Signer {
  /** The identity a verifier will see: "sha256:<hex>" for a key. */
  readonly identity: string
  sign(message: Uint8Array): Promise<SignatureMaterial>
}
