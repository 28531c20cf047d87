/**
 * stdout is data, stderr is conversation. Commands print results with printData/printJson
 * and talk to the person with say/warn; progress appears only on an interactive stderr.
 */

export function printData(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n')
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

export function say(message: string): void {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n')
}

export function warn(message: string): void {
  say(`Warning: ${message}`)
}

/** True when a person is watching stderr: a TTY, not CI, and not asked for JSON. */
export function isInteractive(json = false): boolean {
  return !json && Boolean(process.stderr.isTTY) && !process.env.CI
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

export interface Progress {
  /** Advance by n units (bytes, files). */
  tick(n: number): void
  done(): void
}

const silent: Progress = {done() {}, tick() {}}

/**
 * A one-line progress meter on stderr, redrawn at most ten times a second. Silent unless
 * interactive, so logs and --json output never contain it.
 */
export function progress(label: string, total: number | undefined, options: {json?: boolean; unit?: 'bytes' | 'items'} = {}): Progress {
  if (!isInteractive(options.json)) return silent
  let current = 0
  let last = 0
  const fmt = (n: number): string =>
    options.unit === 'bytes' ? (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(0)} KiB`) : String(n)
  const draw = (): void => {
    const of = total === undefined ? '' : ` / ${fmt(total)}`
    process.stderr.write(`\r\u001B[2K${label} ${fmt(current)}${of}`)
  }
  return {
    done() {
      draw()
      process.stderr.write('\n')
    },
    tick(n: number) {
      current += n
      const now = Date.now()
      if (now - last >= 100) {
        last = now
        draw()
      }
    },
  }
}
