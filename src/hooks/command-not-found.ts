/**
 * An unknown command is a usage error (exit 1) with the closest commands as suggestions.
 * Runs only when dispatch already failed, so it costs nothing on the normal path.
 */
import type {Hook} from '@oclif/core'

import {unknownCommand} from '../host/unknown-command.js'

const hook: Hook<'command_not_found'> = async function ({config, id}) {
  throw unknownCommand(config, id)
}

export default hook
