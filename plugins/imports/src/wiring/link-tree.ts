/**
 * Linking a stored package into a project: real directories, absolute symlinks to the read-only
 * store files. Nothing is ever written through a link, so the store cannot be corrupted from here.
 *
 * The calls are synchronous on purpose: an install of a thousand packages makes a few thousand of
 * them into a staging directory nobody else sees, and each async call would cost a thread-pool
 * round trip several times its own work.
 */
import {type Dirent, mkdirSync, readdirSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'

import {joinInside} from '@aigogo/sdk/core'

/** Mirrors `from` under `to`: directories become real directories, files absolute symlinks. */
export async function mirrorAsLinks(from: string, to: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
  mirrorAsLinksSync(from, to, skip)
}

/** mirrorAsLinks, synchronous; returns the entries of `from` it listed (skipped ones included), so callers need not list again. */
export function mirrorAsLinksSync(from: string, to: string, skip: ReadonlySet<string> = new Set()): Dirent[] {
  mkdirSync(to, {mode: 0o755, recursive: true})
  const entries = readdirSync(from, {withFileTypes: true})
  for (const entry of entries) {
    if (skip.has(entry.name)) continue
    const source = join(from, entry.name)
    const target = joinInside(to, entry.name)
    if (entry.isDirectory()) mirrorAsLinksSync(source, target)
    else symlinkSync(source, target)
  }
  return entries
}
