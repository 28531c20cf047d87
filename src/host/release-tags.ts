/**
 * Release tags. First-party plugins share the kernel's repository and are tagged
 * plugins/<name>/vX.Y.Z; the kernel and third-party plugins use bare vX.Y.Z tags. The state
 * file always records the bare version (X.Y.Z), never the prefixed tag.
 */
import semver from 'semver'

/** Strict numeric semver after a mandatory "v": no pre-release, no build metadata. */
const STABLE = /^v(\d+)\.(\d+)\.(\d+)$/

/** The stable version a tag names under a prefix, or undefined when it does not qualify. */
export function stableVersionOf(tag: string, prefix: string): string | undefined {
  if (!tag.startsWith(prefix)) return undefined
  const match = STABLE.exec(tag.slice(prefix.length))
  if (!match) return undefined
  return `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}`
}

/** The bare version (no prefix, no leading v) of a tag the user or the API gave. */
export function bareVersion(tag: string, prefix: string): string {
  const rest = prefix && tag.startsWith(prefix) ? tag.slice(prefix.length) : tag
  return rest.startsWith('v') ? rest.slice(1) : rest
}

/** The full tag for a --version value: accepts 1.2.3, v1.2.3 or plugins/x/v1.2.3. */
export function tagFor(version: string, prefix: string): string {
  if (prefix && version.startsWith(prefix)) return version
  return `${prefix}${version.startsWith('v') ? version : `v${version}`}`
}

export function isValidVersion(version: string): boolean {
  return semver.valid(version) !== null
}

/** True when `latest` is a strictly newer version than `current` (bad input: false). */
export function isNewer(latest: string, current: string): boolean {
  const a = semver.valid(latest)
  const b = semver.valid(current)
  return a !== null && b !== null && semver.gt(a, b)
}
