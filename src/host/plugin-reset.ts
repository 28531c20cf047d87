/**
 * `plugins reset`: remove every installed and linked plugin (their assets with them), leaving
 * only the bundled first-party plugins. Each removal is remove's own transaction; their state/
 * directories are kept, as with remove.
 */
import type {HostContext} from './host-context.js'
import {type BatchOutcome, forEachPlugin} from './plugin-batch.js'
import {removePlugin, type RemoveResult} from './plugin-remove.js'
import {type PluginRecord, readPluginState} from './plugin-state.js'

export type ResetOutcome = BatchOutcome<RemoveResult & {status: 'removed'; kind: PluginRecord['kind']}>

/** The plugins a reset would remove, in the order it removes them. */
export async function resetPlan(context: HostContext): Promise<PluginRecord[]> {
  return (await readPluginState(context.dirs.state)).plugins
}

export async function resetPlugins(context: HostContext, plan: readonly PluginRecord[], onResult?: (o: ResetOutcome) => void): Promise<ResetOutcome[]> {
  const kinds = new Map(plan.map((p) => [p.name, p.kind]))
  return forEachPlugin(plan.map((p) => p.name), async (name) => ({...(await removePlugin(context, name)), kind: kinds.get(name)!, status: 'removed' as const}), onResult)
}
