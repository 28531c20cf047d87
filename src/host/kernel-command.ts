/**
 * The base of kernel commands that report on the loaded plugins: the runner context of the full
 * CLI says where each plugin came from, as discovery recorded it (the dispatcher knows it from
 * the plugin order).
 */
import {AigogoCommand, type RunnerContext} from '@aigogo/sdk'

import {originOf} from './discovery.js'

export abstract class KernelCommand extends AigogoCommand {
  protected override runnerContext(): RunnerContext {
    const context = super.runnerContext()
    const loaded = [...this.config.plugins.values()]
    return {...context, plugins: context.plugins.map((p, i) => ({...p, origin: originOf(loaded[i]!)}))}
  }
}
