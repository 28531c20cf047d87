/**
 * The contract of a plugin fast path: a module named in package.json under
 * "aigogo": {"fastPaths": {"<command>": "./dist/fast-paths/<command>.js"}} whose default export
 * answers the plain form of the command before oclif loads. It returns true when it answered and
 * false to hand the command to the full CLI; a coded AigogoError it throws is rendered as the
 * full CLI would. It must import only the oclif-free "@aigogo/sdk/core", never "@aigogo/sdk".
 */
import type {PluginSource} from './capabilities.js'
import type {CapabilityContracts, CapabilityName} from './contracts/index.js'

export interface FastPathContext {
  /** The loaded plugins in load order, as the full CLI would load them. */
  plugins: readonly PluginSource[]
  /** The first provider of a capability, as capability(config, name) gives it in a command. */
  capability<K extends CapabilityName>(name: K): Promise<CapabilityContracts[K]>
}

export type FastPath = (argv: string[], context: FastPathContext) => Promise<boolean>
