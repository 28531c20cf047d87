/**
 * Local build references: "name:tag", no registry host.
 *
 * Shared convention with the registry plugin: a reference is a registry reference when it
 * contains a "/", or when its name part (before ":") looks like a host: it contains a "." or
 * is "localhost". Everything else is a local reference. Local names follow the manifest's
 * name rule and tags the OCI tag rule, which makes the cache directory name unambiguous.
 */
import {isSafeName, usageError} from '@aigogo/sdk/core'

export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/
/** The OCI tag grammar. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

export interface LocalRef {
  name: string
  tag: string
  /** Canonical "name:tag". */
  ref: string
}

/** True when the reference names a registry (see the module comment). */
export function isRegistryRef(ref: string): boolean {
  if (ref.includes('/')) return true
  const host = ref.split(':')[0] ?? ''
  return host.includes('.') || host === 'localhost'
}

/**
 * Parses "name:tag"; a coded usage error (REF_INVALID) says what is wrong. `lookup` is for refs
 * that name an existing build (add, push --from, remove): the upstream Go tool builds any name
 * (`pkgA`, `My_Utils`), so there the name only has to be one plain path segment (the SDK's
 * validator); the build's recorded ref is compared on lookup, so "<name>_<tag>" stays unambiguous.
 */
export function parseLocalRef(ref: string, options: {lookup?: boolean} = {}): LocalRef {
  if (isRegistryRef(ref)) {
    throw usageError('REF_NOT_LOCAL', `"${ref}" is a registry reference, not a local build reference`, [
      'local builds are named name:tag, for example my-utils:1.0.0',
      'to publish a local build: aigogo push <registry>/<repo>:<tag> --from name:tag',
    ], {ref})
  }
  const colon = ref.indexOf(':')
  if (colon < 0) {
    throw usageError('REF_INVALID', `"${ref}" is not a name:tag reference`, [`add a tag, for example ${ref || 'my-utils'}:1.0.0`], {ref})
  }
  const name = ref.slice(0, colon)
  const tag = ref.slice(colon + 1)
  if (options.lookup ? !isSafeName(name) : !NAME_PATTERN.test(name)) {
    throw usageError('REF_INVALID', `"${ref}": "${name}" is not a valid package name`, [
      'use lower-case letters, digits and dashes, starting with a letter or digit (my-utils:1.0.0)',
    ], {ref})
  }
  if (!TAG_PATTERN.test(tag)) {
    throw usageError('REF_INVALID', `"${ref}": "${tag}" is not a valid tag`, [
      'use letters, digits, ".", "_" and "-" (up to 128 characters), for example 1.0.0',
    ], {ref})
  }
  return {name, ref: `${name}:${tag}`, tag}
}
