/**
 * The kernel's last guard against a silent exit (src/unsettled.ts): a command whose promise can
 * never settle (the event loop empties while it waits) ends with INTERNAL (exit 70) saying what it
 * was doing, instead of Node's exit 13 with no output. No real aigogo path is left that hangs, so
 * a linked test plugin plays the broken command; it labels its work with the SDK's setActivity.
 */
import {mkdir, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError} from './helpers/cli.js'
import {buildPluginDir} from './helpers/github-standin.js'
import {useTempWorkDir} from './helpers/temp-work-dir.js'

const STUCK = `import {AigogoCommand, setActivity} from '@aigogo/sdk'

export default class Hello extends AigogoCommand {
  static summary = 'Waits for an event that never comes.'

  async run() {
    setActivity('waiting for the stuck fixture')
    // Nothing will ever resolve this, and nothing keeps the event loop alive.
    await new Promise(() => {})
  }
}
`

const root = useTempWorkDir(undefined, {per: 'file'})
let plugin: string
let home: string

beforeAll(async () => {
  home = join(root.path, 'home')
  // A private HOME: linking syncs the plugin's assets into AI tools found under HOME.
  await mkdir(join(root.path, 'user-home'), {recursive: true})
  plugin = await buildPluginDir({extraFiles: {'dist/commands/stuck/hello.js': STUCK}, name: 'stuck'})
  const linked = await aigogo(['plugins', 'link', plugin], {env: {HOME: join(root.path, 'user-home')}, home})
  expect(linked.exitCode, linked.stderr).toBe(0)
}, 60_000)
afterAll(async () => {
  if (plugin) await rm(join(plugin, '..'), {force: true, recursive: true})
})

describe('a command that never settles', () => {
  it('ends with INTERNAL (exit 70) naming the current activity, not a silent exit 13', async () => {
    const result = await aigogo(['stuck', 'hello'], {env: {HOME: join(root.path, 'user-home')}, home})
    expect(result.exitCode).toBe(70)
    expect(result.stderr).toContain('while waiting for the stuck fixture')
    expect(result.stderr).toContain('[exit 70: INTERNAL]')
  })

  it('says it as one JSON error with --json', async () => {
    const result = await aigogo(['stuck', 'hello', '--json'], {env: {HOME: join(root.path, 'user-home')}, home})
    expect(result.exitCode).toBe(70)
    expect(jsonError(result)).toMatchObject({code: 'INTERNAL', exit: 70, message: expect.stringContaining('waiting for the stuck fixture')})
  })
})
