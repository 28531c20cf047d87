/**
 * Reading JSON files with errors a person can act on: the file, the line and the column.
 */
import {readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'

import {dataError, internalError, messageOf} from './errors.js'

export interface JsonLocation {
  line: number
  column: number
}

/** Line and column (1-based) of a character offset. */
export function locationOf(text: string, offset: number): JsonLocation {
  const before = text.slice(0, Math.max(0, offset))
  const lines = before.split('\n')
  return {column: (lines.at(-1)?.length ?? 0) + 1, line: lines.length}
}

/** Where V8 says a JSON syntax error is; V8 reports an offset, sometimes also line and column. */
export function syntaxErrorLocation(text: string, error: unknown): JsonLocation | undefined {
  const message = messageOf(error)
  const lineColumn = /line (\d+) column (\d+)/.exec(message)
  if (lineColumn) return {column: Number(lineColumn[2]), line: Number(lineColumn[1])}
  const position = /at position (\d+)/.exec(message)
  if (position) return locationOf(text, Number(position[1]))
  if (/Unexpected end of JSON input/.test(message)) return locationOf(text, text.length)
  return undefined
}

export interface ParseJsonOptions {
  /** What the file is, for the message: "aigogo.json", "plugin state file". */
  what: string
  /** The error code to raise for malformed content. */
  code: string
  hints?: readonly string[]
}

export function parseJsonText(text: string, file: string, options: ParseJsonOptions): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const at = syntaxErrorLocation(text, error)
    const where = at ? `${file}:${at.line}:${at.column}` : file
    const reason = messageOf(error).replace(/\s*\(line \d+ column \d+\)/, '')
    throw dataError(options.code, `${options.what} is not valid JSON at ${where}: ${reason}`, options.hints ?? [
      `fix the JSON syntax at ${where}`,
    ], {file, ...(at ?? {})})
  }
}

/**
 * Reads and parses a JSON file. Returns undefined when the file does not exist, so callers
 * decide what "missing" means (often: an empty state).
 */
function unreadable(file: string, options: ParseJsonOptions, error: unknown): Error {
  return internalError('FILE_UNREADABLE', `cannot read ${options.what} ${file}: ${messageOf(error)}`, [
    `check the permissions of ${file}`,
  ])
}

export async function readJsonFile(file: string, options: ParseJsonOptions): Promise<unknown | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw unreadable(file, options, error)
  }
  return parseJsonText(text, file, options)
}

/** readJsonFile for a small file on the start path: no thread-pool round trip, and node:fs/promises stays unloaded. */
export function readJsonFileSync(file: string, options: ParseJsonOptions): unknown | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw unreadable(file, options, error)
  }
  return parseJsonText(text, file, options)
}
