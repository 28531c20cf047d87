import {execa} from 'execa'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {cleanEnv, REPO_ROOT, tempDir} from './helpers/cli.js'
import {onTerminal} from './helpers/terminal.js'

// The SDK's progress line on a real pseudo-terminal: one line redrawn in place, cut to the width.
let dir: {path: string; cleanup: () => Promise<void>}
let script: string

beforeAll(async () => {
  dir = await tempDir()
  script = join(dir.path, 'meter.mjs')
  // 100 MiB "transferred" in 1 MiB steps over about a second, with a label longer than the terminal.
  await writeFile(
    script,
    `import {progress} from ${JSON.stringify(join(REPO_ROOT, 'src', 'sdk', 'dist', 'output.js'))}
const [unit, json] = process.argv.slice(2)
const label = 'Pushing registry.example.com/a-rather-long/namespace/package-name:1.2.3'
const quiet = json === 'later' ? {delay: 60_000} : {}
const meter = unit === 'items' ? progress('Building package-name', 2000, {json: json === 'json', noun: 'files', unit: 'items', ...quiet}) : progress(label, 100 * 1048576, {json: json === 'json', unit: 'bytes', ...quiet})
const step = unit === 'items' ? 20 : 1048576
for (let i = 0; i < 100; i++) {
  await new Promise((r) => setTimeout(r, 10))
  meter.tick(step)
}
meter.done()
process.stdout.write('after\\n')
`,
  )
})

afterAll(async () => {
  await dir.cleanup()
})

/** The frames drawn on the line: each redraw starts with a carriage return. */
function frames(output: string): string[] {
  const line = output.split('after')[0]!.replaceAll('\r\n', '\n')
  return line.split(/[\r\n]/).map((f) => f.replaceAll('\u001B[K', '')).filter((f) => f !== '')
}

describe('progress line', () => {
  it('shows bytes, percent, rate and ETA on one line cut to a 50-column terminal', async () => {
    const {exitCode, output} = await onTerminal(process.execPath, [script, 'bytes'], {columns: 50})
    expect(exitCode, output).toBe(0)
    const drawn = frames(output)
    expect(drawn.length).toBeGreaterThan(2)
    for (const frame of drawn) expect(frame.length, frame).toBeLessThan(50)
    // One line: redraws go back with \r, and the only newline ends it.
    expect(output.split('after')[0]!.replaceAll('\r\n', '\n').split('\n').filter((l) => l !== '')).toHaveLength(1)
    const last = drawn.at(-1)!
    expect(last).toMatch(/^Pushing reg.*…  100.0 MiB \/ 100.0 MiB  100%  ETA 0s$/)
    expect(drawn.some((f) => / \d{1,2}% .*ETA \d+s$/.test(f))).toBe(true)
    // On a wide terminal the whole label and the rate fit.
    const wide = frames((await onTerminal(process.execPath, [script, 'bytes'], {columns: 150})).output)
    expect(wide.at(-1)).toMatch(/^Pushing registry\.example\.com\/a-rather-long\/namespace\/package-name:1\.2\.3  100\.0 MiB \/ 100\.0 MiB  100%  [\d.]+ [KMG]iB\/s  ETA 0s$/)
  })

  it('counts files for item work, and draws nothing while the work is younger than the delay', async () => {
    const {output} = await onTerminal(process.execPath, [script, 'items'], {columns: 120})
    const drawn = frames(output)
    expect(drawn.at(-1)).toMatch(/^Building package-name {2}2000 \/ 2000 files {2}100% {2}\d+ files\/s {2}ETA 0s$/)
    // Work that ends before the delay (300 ms by default; a minute here) leaves no trace.
    const quick = await onTerminal(process.execPath, [script, 'items', 'later'], {columns: 120})
    expect(quick.output.replaceAll('\r\n', '\n')).toBe('after\n')
  })

  it('draws nothing without a terminal, with --json, or under CI', async () => {
    const piped = await execa(process.execPath, [script, 'bytes'], {env: cleanEnv(), extendEnv: false, reject: false})
    expect(piped.stderr).toBe('')
    const json = await onTerminal(process.execPath, [script, 'bytes', 'json'], {columns: 50})
    expect(json.output.replaceAll('\r\n', '\n')).toBe('after\n')
    // CI logs are terminals often enough (script, tmux) but nobody watches a redraw there.
    const ci = await onTerminal(process.execPath, [script, 'bytes'], {columns: 50, env: {CI: 'true'}})
    expect(ci.output.replaceAll('\r\n', '\n')).toBe('after\n')
  })
})
