/**
 * Wires the resolved packages into the staged .aigogo/, one language at a time (in name order),
 * each through its provider's wiring hook.
 */
import type {WiringResult} from '@aigogo/sdk/core'

import type {ResolvedPackage} from './resolve-packages.js'
import type {WiredLanguage} from './wired-languages.js'

export interface WireInput {
  projectDir: string
  stagingDir: string
  aigogoDir: string
  interpreter?: string
  env: NodeJS.ProcessEnv
  say(message: string): void
  /** Packages wired so far, for the progress line (a hook that never reports is counted when it returns). */
  onWired?(count: number): void
}

export async function wirePackages(resolved: readonly ResolvedPackage[], wired: ReadonlyMap<string, WiredLanguage>, input: WireInput): Promise<Map<string, WiringResult>> {
  const results = new Map<string, WiringResult>()
  for (const [name, language] of [...wired].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const packages = resolved
      .filter((p) => p.entry.language.toLowerCase() === name)
      .map((p) => ({files: p.stored.files, filesDir: p.stored.filesDir, key: p.key, version: p.entry.version}))
    if (packages.length === 0) continue
    let reported = 0
    const onWired = input.onWired && ((count: number) => {
      reported += count
      input.onWired?.(count)
    })
    results.set(name, await language.wiring.install({...input, packages, ...(onWired ? {onWired} : {})}))
    if (reported < packages.length) input.onWired?.(packages.length - reported)
  }
  return results
}
