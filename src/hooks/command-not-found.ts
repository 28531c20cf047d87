/**
 * An unknown command is a usage error (exit 1) with the closest commands as suggestions.
 * Runs only when dispatch already failed, so it costs nothing on the normal path.
 */
import type {Hook} from '@oclif/core'
import {usageError} from '@aigogo/sdk'

import {closest} from '../host/suggest.js'

const hook: Hook<'command_not_found'> = async function ({config, id}) {
  const typed = id.replaceAll(':', ' ')
  const commands = config.commands.filter((c) => !c.hidden).map((c) => c.id.replaceAll(':', ' '))
  const topics = config.topics.map((t) => t.name.replaceAll(':', ' '))
  const suggestions = closest(typed, [...commands, ...topics])
  throw usageError(
    'UNKNOWN_COMMAND',
    `"${typed}" is not an aigogo command`,
    [
      ...suggestions.map((s) => `did you mean: ${config.bin} ${s}`),
      `see every command: ${config.bin} --help`,
    ],
    {command: typed, suggestions},
  )
}

export default hook
