/**
 * Unpacks a release bundle without trusting it: every entry is checked first (no absolute path,
 * no "..", no device or fifo, links only to paths inside the bundle), and any offence refuses the
 * whole bundle before anything is written. Then tar extracts only the entries it was shown, with
 * the setuid/setgid/sticky bits and group/world write permission stripped.
 */
import {dataError, messageOf} from '@aigogo/sdk'
import {readdir, stat} from 'node:fs/promises'
import {isAbsolute, join, posix} from 'node:path'
import * as tar from 'tar'

/** rwxr-xr-x at most: special bits and write for group/others are dropped. */
const SAFE_MODE_MASK = 0o755

const ALLOWED_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link'])

function unsafe(asset: string, why: string): Error {
  return dataError('PLUGIN_BUNDLE_UNSAFE', `${asset} is not a safe plugin bundle: ${why}`, [
    'nothing was installed; tell the plugin maintainer',
  ], {asset})
}

function escapes(path: string): boolean {
  if (path === '' || isAbsolute(path) || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\')) return true
  return path.split('/').some((segment) => segment === '..')
}

interface Entry {
  path: string
  type: string
  linkpath?: string
}

function checkEntry(entry: Entry, asset: string): void {
  if (!ALLOWED_TYPES.has(entry.type)) throw unsafe(asset, `${entry.path} is a ${entry.type}`)
  if (escapes(entry.path)) throw unsafe(asset, `entry ${JSON.stringify(entry.path)} leaves the plugin directory`)
  if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
    const target = entry.linkpath ?? ''
    // Hard link targets are archive paths; symlink targets are relative to the link's folder.
    const resolved = entry.type === 'Link' ? target : posix.join(posix.dirname(entry.path), target)
    if (escapes(target) || escapes(resolved) || resolved.startsWith('../')) {
      throw unsafe(asset, `link ${entry.path} points outside the plugin directory (${target})`)
    }
  }
}

/** Unpacks into `dest` (created empty by the caller) and returns the plugin root inside it. */
export async function safeUnpack(archive: string, dest: string, asset: string): Promise<string> {
  const seen = new Set<string>()
  const entries: Entry[] = []
  try {
    await tar.t({
      file: archive,
      onReadEntry(entry) {
        entries.push({linkpath: entry.linkpath, path: entry.path.replace(/\/+$/, ''), type: entry.type})
      },
      strict: true,
    })
  } catch (error) {
    throw unsafe(asset, `it is not a readable .tgz (${messageOf(error)})`)
  }
  for (const entry of entries) {
    checkEntry(entry, asset)
    seen.add(entry.path)
  }
  if (seen.size === 0) throw unsafe(asset, 'the archive is empty')
  try {
    await tar.x({
      cwd: dest,
      file: archive,
      filter(path, entry) {
        if (!seen.has(path.replace(/\/+$/, ''))) return false
        // No setuid/setgid/sticky bit and nothing group- or world-writable comes from a bundle.
        if ('mode' in entry && typeof entry.mode === 'number') entry.mode &= SAFE_MODE_MASK
        return true
      },
      preserveOwner: false,
      strict: true,
      umask: 0o022,
    })
  } catch (error) {
    throw unsafe(asset, `unpacking failed (${messageOf(error)})`)
  }
  return pluginRoot(dest)
}

/** `npm pack` puts everything under package/; accept that layout and a flat one. */
async function pluginRoot(dest: string): Promise<string> {
  const entries = await readdir(dest)
  if (entries.length === 1 && entries[0] === 'package' && (await stat(join(dest, 'package'))).isDirectory()) return join(dest, 'package')
  return dest
}
