/** The formats a signature travels in: a Sigstore bundle, attached to the package as an OCI referrer. */

/** The bundle's media type, and the referrer's artifactType (what cosign and other Sigstore tools use). */
export const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

/** A key-based bundle is about 600 bytes; a keyless one with a certificate chain and log entry a few KiB. */
export const MAX_BUNDLE_BYTES = 256 * 1024

/** Signatures read per package: enough for any real set of publishers, bounded against a flood of referrers. */
export const MAX_SIGNATURES = 32

/** The variable a private key's passphrase comes from (never a flag: argv is visible to every user). */
export const PASSWORD_ENV = 'AIGOGO_KEY_PASSWORD'

/** Key files are small: a cap keeps a wrong path (a disk image, /dev/zero) from being read whole. */
export const MAX_KEY_FILE_BYTES = 64 * 1024
