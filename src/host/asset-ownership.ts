/**
 * state/assets.json: which skill and agent entries each owner (the kernel, "aigogo", or a plugin
 * by short name) put into the targets' shared folders, and a digest of every copy it placed.
 *
 * - An entry has exactly one owner. A plugin's namespace aigogo-<name>- contains the namespaces
 *   of longer names (aigogo-foo-bar-* is inside aigogo-foo-*): the longest matching namespace
 *   owns the entry, so when foo-bar arrives it takes over an aigogo-foo-bar-z that foo had placed
 *   (and foo may no longer ship it), and removing foo never touches it.
 * - A path is the host's to replace or delete only while it holds exactly what the host placed
 *   there (the recorded digest). Anything else in a namespace is the user's.
 */
import {readJsonFile, writeJsonAtomic} from '@aigogo/sdk'
import {join} from 'node:path'

export interface OwnedAssets {
  skills: string[]
  agents: string[]
  /**
   * Every path the owner placed (skills, agents and its commands folder, in every target) with
   * the tree digest of what was written. Absent in records written before digests were kept:
   * those entries are trusted as the host's until they are written again.
   */
  placed?: Record<string, string>
}

export type Ownership = Record<string, OwnedAssets>

export function ownershipPath(stateDir: string): string {
  return join(stateDir, 'assets.json')
}

export async function readOwnership(stateDir: string): Promise<Ownership> {
  const file = ownershipPath(stateDir)
  const raw = (await readJsonFile(file, {
    code: 'STATE_CORRUPT',
    hints: [`move it aside (mv ${file} ${file}.bak), then run: aigogo plugins sync`],
    what: 'the asset ownership file',
  })) as {owners?: Ownership} | undefined
  return raw?.owners && typeof raw.owners === 'object' ? raw.owners : {}
}

export async function writeOwnership(stateDir: string, owners: Ownership): Promise<void> {
  await writeJsonAtomic(ownershipPath(stateDir), {owners})
}

/**
 * Records what `name` owns now. An entry it owns is no longer another owner's (the longer
 * namespace took it over), so another owner's later removal cannot delete it.
 */
export function assignOwnership(owners: Ownership, name: string, owned: OwnedAssets): Ownership {
  const next: Ownership = {}
  for (const [other, assets] of Object.entries(owners)) {
    if (other === name) continue
    const placed = assets.placed && Object.fromEntries(Object.entries(assets.placed).filter(([path]) => !(path in (owned.placed ?? {}))))
    next[other] = {
      agents: assets.agents.filter((e) => !owned.agents.includes(e)),
      skills: assets.skills.filter((e) => !owned.skills.includes(e)),
      ...(placed ? {placed} : {}),
    }
  }
  next[name] = owned
  return next
}

/** Drops an owner that placed nothing any more. */
export function dropOwner(owners: Ownership, name: string): Ownership {
  const next = {...owners}
  delete next[name]
  return next
}
