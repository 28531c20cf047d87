/**
 * Limits on what a package layer may unpack to, enforced while it streams: a few hundred bytes of
 * gzip can inflate to gigabytes, and a small tar can hold 100,000 entries. Each limit is generous
 * (aigogo packages are small source trees), configurable through the environment, and has its
 * own coded error. docs/FORMAT.md lists them.
 */
import {dataError, quoteUntrusted} from '@aigogo/sdk/core'

export interface LayerLimits {
  /** Inflated bytes of the tar stream (headers and padding included). */
  maxBytes: number
  /** Tar entries of any kind. */
  maxEntries: number
  /** Bytes of a package path. */
  maxPathBytes: number
  /** Bytes of one segment (file or directory name) of a package path. */
  maxSegmentBytes: number
}

export const DEFAULT_LAYER_LIMITS: LayerLimits = {
  maxBytes: 1024 ** 3,
  maxEntries: 50_000,
  maxPathBytes: 4096,
  maxSegmentBytes: 255,
}

const VARIABLES: Record<keyof LayerLimits, string> = {
  maxBytes: 'AIGOGO_MAX_LAYER_BYTES',
  maxEntries: 'AIGOGO_MAX_LAYER_FILES',
  maxPathBytes: 'AIGOGO_MAX_PATH_BYTES',
  maxSegmentBytes: 'AIGOGO_MAX_PATH_SEGMENT_BYTES',
}

export function layerLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): LayerLimits {
  const limits = {...DEFAULT_LAYER_LIMITS}
  for (const key of Object.keys(VARIABLES) as (keyof LayerLimits)[]) {
    const value = Number(env[VARIABLES[key]])
    if (Number.isSafeInteger(value) && value > 0) limits[key] = value
  }
  return limits
}

const REFUSE = 'do not install this package; report it to its publisher'
const raise = (variable: string): string => `if the package is genuine, raise the limit: ${variable}=<larger> (see docs/FORMAT.md)`

export function layerTooLarge(limit: number): Error {
  return dataError('LAYER_TOO_LARGE', `the package layer unpacks to more than ${limit} bytes`, [REFUSE, raise(VARIABLES.maxBytes)], {limit})
}

export function layerTooManyFiles(limit: number): Error {
  return dataError('LAYER_TOO_MANY_FILES', `the package layer holds more than ${limit} entries`, [REFUSE, raise(VARIABLES.maxEntries)], {limit})
}

/** Checks a package path against the byte limits (total and per segment). */
export function checkPathLength(path: string, limits: LayerLimits): void {
  const bytes = Buffer.byteLength(path)
  if (bytes > limits.maxPathBytes) throw pathTooLong(path, `is ${bytes} bytes long, more than ${limits.maxPathBytes}`, VARIABLES.maxPathBytes)
  const segment = path.split('/').find((part) => Buffer.byteLength(part) > limits.maxSegmentBytes)
  if (segment !== undefined) {
    throw pathTooLong(path, `has a ${Buffer.byteLength(segment)}-byte name in it, more than ${limits.maxSegmentBytes}`, VARIABLES.maxSegmentBytes)
  }
}

/** Also for a path the filesystem itself refuses (ENAMETOOLONG) within our limits. */
export function pathTooLong(path: string, why: string, variable?: string): Error {
  return dataError('PACKAGE_PATH_TOO_LONG', `the package path ${quoteUntrusted(path)} ${why}`, [
    REFUSE,
    ...(variable ? [raise(variable)] : ['the filesystem of AIGOGO_HOME cannot hold a path this long']),
  ], {bytes: Buffer.byteLength(path)})
}
