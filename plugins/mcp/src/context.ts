/** What every tool needs: the project directory and the loaded plugins (for capabilities). */
import type {PluginSet} from '@aigogo/sdk/core'

export interface ServerContext {
  /** The project the server works in: add, install and list_installed never write elsewhere. */
  project: string
  plugins: PluginSet
  /** Progress talk of long tool calls, on stderr (never stdout: it carries the protocol). */
  say: (message: string) => void
}
