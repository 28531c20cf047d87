/**
 * state/assets.json: which skill and agent entries each owner (the kernel, "aigogo", or a plugin
 * by short name) put into the targets' shared folders. Pruning and removal touch exactly these
 * names, so plugin foo never removes foo-bar's aigogo-foo-bar-* entries, nor a user's files.
 */
import {readJsonFile, writeJsonAtomic} from '@aigogo/sdk'
import {join} from 'node:path'

export interface OwnedAssets {
  skills: string[]
  agents: string[]
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
