/**
 * Names that become paths. Package names, lock keys, build refs, environment, plugin and asset
 * names come from other people (registry config blobs, committed lock files, release assets), so
 * each one passes through this one validator where it enters, and every join into a directory
 * checks that the result stays inside it. A refusal is a coded error; nothing is written.
 */
import {isAbsolute, relative, resolve, sep} from 'node:path'

import {type AigogoError, dataError, usageError} from './errors.js'

/** npm's limit for a package name; far below NAME_MAX (255 bytes) on every filesystem we run on. */
export const MAX_NAME_LENGTH = 214

// ASCII only: no separators, no leading dot (so never "." or ".."), no control characters.
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/

/**
 * Where a name came from decides who is at fault: a name the user typed is a usage error (exit 1);
 * one that arrived in a package, a lock file or a registry answer is bad data (exit 3).
 */
export type NameOrigin = 'argument' | 'untrusted'

export interface NameContext {
  /** What the name is, for the message: "package name", "lock key", "plugin name". */
  what: string
  /** Default "untrusted". */
  origin?: NameOrigin
  /** Where it came from, for the message and --json details: "aigogo.lock", a reference. */
  source?: string
  hints?: readonly string[]
}

/** A short, printable form of a hostile string: JSON-quoted (newlines and controls escaped), cut. */
export function quoteUntrusted(value: string, max = 80): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value
  return JSON.stringify(cut)
}

/** Why `name` cannot be a path segment, or undefined when it can. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'is empty'
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`
  if (!SEGMENT.test(name)) return 'may hold only ASCII letters, digits, ".", "_" and "-", and must start with a letter, a digit or "_"'
  return undefined
}

export function isSafeName(name: unknown): name is string {
  return nameProblem(name) === undefined
}

/** Returns `name` when it is safe as one path segment; otherwise throws NAME_INVALID. */
export function safeName(name: unknown, context: NameContext): string {
  const problem = nameProblem(name)
  if (problem === undefined) return name as string
  const shown = typeof name === 'string' ? quoteUntrusted(name) : String(name)
  const from = context.source ? ` in ${context.source}` : ''
  const make = (context.origin ?? 'untrusted') === 'argument' ? usageError : dataError
  const hints = context.hints ?? (context.origin === 'argument'
    ? ['use letters, digits, ".", "_" and "-" only, e.g. "my-utils"']
    : ['do not install it: a name that is not a plain word may be an attempt to write outside the project', 'report it to whoever published it'])
  throw make('NAME_INVALID', `${context.what} ${shown}${from} ${problem}`, hints, {
    what: context.what,
    ...(context.source ? {source: context.source} : {}),
  })
}

/** True when `path` is `root` itself or below it (both resolved; no symlinks are followed). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path))
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith('../'))
}

/**
 * `root` joined with `parts`, refusing (PATH_ESCAPES, exit 3) any result that is not strictly
 * below `root`. The last line of defence after safeName: it also catches multi-segment parts.
 */
export function joinInside(root: string, ...parts: string[]): string {
  const base = resolvedRoot(root)
  // Parts that are plain relative paths (no empty, "." or ".." segment, not absolute: what every
  // package file and stored name is) join by concatenation, which is what resolve would give: for a
  // pulled package of 500 files, resolve and relative were 60 ms of the unpack (cold code).
  if (sep === '/' && parts.length > 0 && parts.every((part) => relativePathProblem(part) === undefined)) return `${base === '/' ? '' : base}/${parts.join('/')}`
  const path = resolve(base, ...parts)
  if (path === base || !isInside(base, path)) throw pathEscapes(root, parts.join('/'))
  return path
}

let lastRoot: string | undefined
let lastBase = ''

/** resolve(root), kept for the last absolute root (a relative one depends on the working directory). */
function resolvedRoot(root: string): string {
  if (root === lastRoot) return lastBase
  const base = resolve(root)
  if (isAbsolute(root)) {
    lastRoot = root
    lastBase = base
  }
  return base
}

function pathEscapes(root: string, part: string): AigogoError {
  return dataError('PATH_ESCAPES', `${quoteUntrusted(part)} would lead outside ${root}`, [
    'nothing was written; a name or path from a package, lock file or registry tried to leave its directory',
    'do not use the package or lock file that carried it, and report it to its publisher',
  ], {root})
}

/**
 * Why `path` cannot be a relative path inside a package ("sub/mod.py"), or undefined when it can:
 * forward slashes only, no empty, "." or ".." segment, not absolute, no drive letter, no NUL.
 */
export function relativePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'is empty'
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return 'is absolute'
  if (path.includes('\\')) return 'contains a backslash'
  if (path.includes('\0')) return 'contains a NUL byte'
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'has an empty, "." or ".." segment'
  return undefined
}

export function isSafeRelativePath(path: unknown): path is string {
  return relativePathProblem(path) === undefined
}

/**
 * A package path as archives write it ("./sub/mod.py", "sub/"), normalised ("sub/mod.py") and
 * checked; anything that could leave the package throws `code` (default PACKAGE_UNSAFE_PATH, exit 3).
 */
export function safeRelativePath(raw: string, context: {code?: string; what?: string} = {}): string {
  const path = raw.replace(/^\.\/+/, '').replace(/\/+$/, '')
  if (isSafeRelativePath(path)) return path
  throw dataError(context.code ?? 'PACKAGE_UNSAFE_PATH', `${context.what ?? 'the package contains the unsafe path'} ${quoteUntrusted(raw)} (absolute or escaping the package)`, [
    'do not install this package; report it to its publisher',
  ], {path: raw})
}
