/**
 * Linking a stored package into a project: real directories, absolute symlinks to the read-only
 * store files. Nothing is ever written through a link, so the store cannot be corrupted from here.
 */
import {mkdir, readdir, symlink} from 'node:fs/promises'
import {join} from 'node:path'

import {joinInside} from '@aigogo/sdk/core'

/** Mirrors `from` under `to`: directories become real directories, files absolute symlinks. */
export async function mirrorAsLinks(from: string, to: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
  await mkdir(to, {mode: 0o755, recursive: true})
  for (const entry of await readdir(from, {withFileTypes: true})) {
    if (skip.has(entry.name)) continue
    const source = join(from, entry.name)
    const target = joinInside(to, entry.name)
    if (entry.isDirectory()) await mirrorAsLinks(source, target)
    else await symlink(source, target)
  }
}

/** Links each top-level entry of `from` into `to` (directories as directory symlinks). */
export async function linkTopLevel(from: string, to: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
  await mkdir(to, {mode: 0o755, recursive: true})
  for (const entry of await readdir(from, {withFileTypes: true})) {
    if (skip.has(entry.name)) continue
    await symlink(join(from, entry.name), joinInside(to, entry.name), entry.isDirectory() ? 'dir' : 'file')
  }
}
