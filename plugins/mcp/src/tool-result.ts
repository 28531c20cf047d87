/**
 * Tool results in the MCP shape. A coded aigogo error becomes a tool error (isError) carrying
 * the same object `--json` prints; anything unforeseen becomes INTERNAL the same way. Never a
 * crash, never a stack trace: the agent gets something it can read and act on.
 */
import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js'

import {AigogoError, internalError, messageOf, redactDeep, renderErrorText} from '@aigogo/sdk/core'

export function toolSuccess(data: Record<string, unknown>, text?: string): CallToolResult {
  const structured = redactDeep(data)
  return {content: [{text: text ?? JSON.stringify(structured, null, 2), type: 'text'}], structuredContent: structured}
}

export function toolFailure(error: unknown): CallToolResult {
  const coded = AigogoError.is(error) ? error : internalError('INTERNAL', `unexpected error: ${messageOf(error)}`, ['this is a bug in aigogo or a plugin: report it with the tool call that caused it'])
  const structured = redactDeep(coded.toJSON())
  return {content: [{text: renderErrorText(coded).trimEnd(), type: 'text'}], isError: true, structuredContent: structured}
}

/** Runs one tool call: its data, or its error as a tool error. */
export async function runTool(work: () => Promise<{data: Record<string, unknown>; text?: string}>): Promise<CallToolResult> {
  try {
    const {data, text} = await work()
    return toolSuccess(data, text)
  } catch (error) {
    return toolFailure(error)
  }
}
