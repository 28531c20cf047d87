/**
 * An unknown command is a usage error (exit 1) with the closest commands as suggestions.
 * Runs only when dispatch already failed, so it costs nothing on the normal path.
 */
import type {Hook} from '@oclif/core'
import {usageError} from '@aigogo/sdk'

import {closest} from '../host/suggest.js'

const hook: Hook<'command_not_found'> = async function ({config, id}) {
  // oclif hands us the command words joined with any arguments that followed them
  // ("plugns:list", "biuld:my-pkg:1.0.0"): name the first word that is not a known topic.
  const words = id.split(':')
  const topicNames = new Set(config.topics.map((t) => t.name))
  let known = 0
  while (known < words.length - 1 && topicNames.has(words.slice(0, known + 1).join(':'))) known++
  const typed = words.slice(0, known + 1).join(' ')
  const commands = config.commands.filter((c) => !c.hidden).map((c) => c.id.replaceAll(':', ' '))
  const topics = [...topicNames].map((t) => t.replaceAll(':', ' '))
  const suggestions = [...new Set([...closest(words.join(' '), commands), ...closest(typed, [...commands, ...topics])])].slice(0, 3)
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
