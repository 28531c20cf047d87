/**
 * The one progress line of aigogo, on stderr: bytes or items done, percent, rate and time left,
 *
 *   Pushing reg/ns/pkg:1.0  12.0 MiB / 100.0 MiB  12%  8.1 MiB/s  ETA 11s
 *
 * redrawn in place at most ten times a second and cut to the terminal's width (a line as wide as
 * the terminal would wrap, and every redraw would then start a new line). It appears only once the
 * work has taken 300 ms, so quick work prints nothing, and never without a terminal, under CI or
 * with --json. Callers tick and call done() when the work ends, failed or not.
 */
import {isInteractive} from './output.js'

export interface Progress {
  /** Advance by n units (bytes, files). */
  tick(n: number): void
  /** Ends the line (when it was shown), leaving the last state visible. */
  done(): void
}

export interface ProgressOptions {
  json?: boolean
  unit?: 'bytes' | 'items'
  /** What the items are ("files", "packages"); items only. */
  noun?: string
  /** Show nothing until the work has taken this long (ms). */
  delay?: number
  /** Where to draw (tests); defaults to process.stderr, and needs to be a terminal. */
  stream?: NodeJS.WriteStream
}

const silent: Progress = {done() {}, tick() {}}
const REDRAW_MS = 100

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

/** The line for a state of the work, at most `width` characters (the label is cut first). */
export function progressLine(label: string, done: number, total: number | undefined, elapsedMs: number, width: number, options: ProgressOptions = {}): string {
  const bytes = options.unit === 'bytes'
  const amount = (n: number): string => (bytes ? formatBytes(n) : String(n))
  const noun = bytes ? '' : ` ${options.noun ?? 'items'}`
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0
  const amounts = total === undefined ? `${amount(done)}${noun}` : `${amount(done)} / ${amount(total)}${noun}`
  const percent = total !== undefined && total > 0 ? `${Math.min(100, Math.floor((done / total) * 100))}%` : undefined
  const speed = `${bytes ? formatBytes(Math.round(rate)) : Math.round(rate)}${bytes ? '' : noun}/s`
  const eta = total !== undefined && rate > 0 ? `ETA ${formatDuration((total - done) / rate)}` : undefined
  // On a narrow terminal the rate goes first, then the time left, then the amounts, so the label keeps some room.
  const variants = [[amounts, percent, speed, eta], [amounts, percent, eta], [amounts, percent], [percent ?? amounts]].map((v) => v.filter(Boolean).join('  '))
  const want = Math.min(label.length, 10)
  for (const stats of variants) {
    const room = width - stats.length - 2
    if (room >= want) return `${label.length <= room ? label : label.slice(0, room - 1) + '…'}  ${stats}`
  }
  return variants.at(-1)!.slice(0, Math.max(0, width))
}

export function progress(label: string, total: number | undefined, options: ProgressOptions = {}): Progress {
  if (options.json || (!options.stream && process.env.CI)) return silent
  // Whether stderr is a terminal is asked when the first line would be drawn: a command done within
  // the delay never creates process.stderr (src/sdk/stdio.ts).
  let stream: NodeJS.WriteStream | undefined
  let drawable: boolean | undefined
  const canDraw = (): boolean => (drawable ??= options.stream ? Boolean(options.stream.isTTY) : isInteractive(options.json))
  const started = Date.now()
  const delay = options.delay ?? 300
  let current = 0
  let lastDraw = 0
  let shown = false
  const draw = (now: number): void => {
    stream ??= options.stream ?? process.stderr
    lastDraw = now
    shown = true
    // One column short of the width: writing the last column makes some terminals wrap.
    const width = (stream.columns || 80) - 1
    stream.write(`\r${progressLine(label, current, total, now - started, width, options)}\u001B[K`)
  }
  return {
    done() {
      if (!shown) return
      draw(Date.now())
      stream?.write('\n')
    },
    tick(n: number) {
      current += n
      const now = Date.now()
      if (now - started >= delay && now - lastDraw >= REDRAW_MS && canDraw()) draw(now)
    },
  }
}
