/**
 * Secrets that users type where they do not belong: credentials in a reference
 * (`user:pass@host/repo`) and values given to flags that do not exist (`--password=PW`).
 * Errors echo their input, so the renderer passes everything it prints through here.
 */

const MASK = '***'

// "user:pass@" or "token@" right before a host that is followed by "/": userinfo in a
// reference or URL. "name:tag@sha256:<hex>" is a digest reference, not userinfo, and an
// e-mail address (no "/" after the host) is left alone. The user part stops at "/", so a
// scheme ("https://") stays; the password may hold anything but blanks and quotes. An "@" right
// after a "/" starts a path segment (`http://localhost:4873/@scope/pkg`, an npm scope), never
// userinfo, which cannot hold an unencoded "/" at its end.
const USERINFO = /(?<=^|[\s"'(<[=,]|\/\/)(?:[^\s"'/@:]*:(?!\/\/)[^\s"']*|[^\s"'/@:]+)(?<!\/)@(?=[A-Za-z0-9.-]+(?::\d*)?\/|\[[0-9A-Fa-f:.]+\](?::\d*)?\/)/g
const USERINFO_WITH_PASSWORD = /(?<=^|[\s"'(<[=,]|\/\/)[^\s"'/@:]*:(?!\/\/)[^\s"']*(?<!\/)@(?![A-Za-z][A-Za-z0-9+._-]*:[0-9A-Fa-f]{32,})/g

/** Replaces userinfo (`user:pass@`, `token@`) before a host with `***@`. */
export function redactSecrets(text: string): string {
  if (!text.includes('@')) return text
  return text.replace(USERINFO, `${MASK}@`).replace(USERINFO_WITH_PASSWORD, `${MASK}@`)
}

/** `--name=value` → `--name=***`, `-xvalue` / `-x=value` → `-x***` / `-x=***`: an unknown flag's value may be a secret. */
export function redactFlagValue(flag: string): string {
  const long = /^(--[^=]+)=/.exec(flag)
  if (long) return `${long[1]}=${MASK}`
  const short = /^(-[^-])(=?)(.+)$/.exec(flag)
  if (short) return `${short[1]}${short[2]}${MASK}`
  return flag
}

/** Every string inside a JSON-like value, redacted; other values as they were. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T
  }
  return value
}
