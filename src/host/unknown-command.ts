/**
 * The one UNKNOWN_COMMAND error (exit 1, the closest commands as suggestions), whether the
 * unknown words came as a command (`aigogo plugns list`), to help (`aigogo help plugns`) or
 * with a help flag (`aigogo plugns --help`).
 */
import type {Interfaces} from '@oclif/core'
import {type AigogoError, usageError} from '@aigogo/sdk'

import {closest} from './suggest.js'

/**
 * `id` is oclif's colon-joined form, possibly followed by arguments ("plugns:list",
 * "biuld:my-pkg:1.0.0"): the error names the first word that is not a known topic.
 */
export function unknownCommand(config: Interfaces.Config, id: string): AigogoError {
  const words = id.split(':')
  const topicNames = new Set(config.topics.map((t) => t.name))
  let known = 0
  while (known < words.length - 1 && topicNames.has(words.slice(0, known + 1).join(':'))) known++
  const typed = words.slice(0, known + 1).join(' ')
  const commands = config.commands.filter((c) => !c.hidden).map((c) => c.id.replaceAll(':', ' '))
  const topics = [...topicNames].map((t) => t.replaceAll(':', ' '))
  const suggestions = [...new Set([...closest(words.join(' '), commands), ...closest(typed, [...commands, ...topics])])].slice(0, 3)
  return usageError(
    'UNKNOWN_COMMAND',
    `"${typed}" is not an aigogo command`,
    [...suggestions.map((s) => `did you mean: ${config.bin} ${s}`), `see every command: ${config.bin} --help`],
    {command: typed, suggestions},
  )
}
