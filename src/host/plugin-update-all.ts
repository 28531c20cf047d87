/**
 * `plugins update` without a name: every installed plugin, in state order, each to its latest
 * stable release. Linked plugins are the author's working copies: skipped, and said so.
 */
import type {HostContext} from './host-context.js'
import {type BatchOutcome, forEachPlugin} from './plugin-batch.js'
import {type InstallResult, installPlugin} from './plugin-install.js'
import {readPluginState} from './plugin-state.js'

export type UpdateOutcome = BatchOutcome<InstallResult> | {name: string; status: 'skipped'; reason: string}

export async function updateAllPlugins(context: HostContext, yes: boolean, onResult?: (o: UpdateOutcome) => void): Promise<UpdateOutcome[]> {
  const records = (await readPluginState(context.dirs.state)).plugins
  const outcomes: UpdateOutcome[] = []
  for (const linked of records.filter((r) => r.kind === 'linked')) {
    const skipped = {name: linked.name, reason: 'linked: rebuild it in its working directory', status: 'skipped' as const}
    outcomes.push(skipped)
    onResult?.(skipped)
  }
  const installed = records.filter((r) => r.kind === 'installed').map((r) => r.name)
  outcomes.push(...(await forEachPlugin(installed, (name) => installPlugin(context, {mode: 'update', name, yes}), onResult)))
  return outcomes
}
