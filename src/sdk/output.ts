/**
 * stdout is data, stderr is conversation. Commands print results with printData/printJson
 * and talk to the person with say/warn; progress appears only on an interactive stderr.
 */
import {isTerminal, writeStderr, writeStdout} from './stdio.js'

export function printData(text: string): void {
  writeStdout(text.endsWith('\n') ? text : text + '\n')
}

export function printJson(value: unknown): void {
  writeStdout(JSON.stringify(value, null, 2) + '\n')
}

export function say(message: string): void {
  writeStderr(message.endsWith('\n') ? message : message + '\n')
}

export function warn(message: string): void {
  say(`Warning: ${message}`)
}

/** True when a person is watching stderr: a TTY, not CI, and not asked for JSON. */
export function isInteractive(json = false): boolean {
  return !json && !process.env.CI && isTerminal(2)
}

/** Aligns rows of cells into columns for human output. */
export function table(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return ''
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n')
}

export {type Progress, type ProgressOptions, formatBytes, formatDuration, progress, progressLine} from './progress.js'
