/**
 * remove-all after a push: the registry plugin's own cache (cache/registry) is not a package, the
 * builds are named by their refs, and off a terminal --json prints only the error.
 */
import {access} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {aigogoOnTerminal} from '../../../test/helpers/terminal.js'
import {json, ok, useBuiltPackage} from './fixtures.js'

const setup = useBuiltPackage()

beforeAll(async () => {
  ok(await aigogo(['push', `${setup.registry.host}/team/my-utils:1.0.0`, '--from', setup.pkg.build], {home: setup.pkg.home}))
}, 60_000)

describe('remove-all', () => {
  it('counts and names local builds by ref, leaves the registry cache, and prints only JSON off a terminal', async () => {
    await access(join(setup.pkg.home, 'cache', 'registry'))
    const refused = await aigogo(['remove-all', '--json'], {home: setup.pkg.home})
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    const error = jsonError(refused) as ReturnType<typeof jsonError> & {details: {refs: string[]}}
    expect(error.code).toBe('CONFIRMATION_REQUIRED')
    expect(error.message).toContain('removing 1 cached package')
    expect(error.details.refs).toEqual([setup.pkg.build])
    for (const hint of error.hints) expect(hint).not.toMatch(/:$/)
    const text = await aigogo(['remove-all'], {home: setup.pkg.home})
    expect(text.stderr).not.toContain('This removes')

    const asked = await aigogoOnTerminal(['remove-all'], {home: setup.pkg.home, input: 'no\n'})
    expect(asked.output).toContain(`• ${setup.pkg.build}\n`)
    expect(asked.output).not.toContain('my-utils_')
    expect(asked.output).not.toContain('• registry')

    const removed = json<{removed: number; refs: string[]}>(await aigogo(['remove-all', '--yes', '--json'], {home: setup.pkg.home}))
    expect(removed).toMatchObject({refs: [setup.pkg.build], removed: 1})
    await access(join(setup.pkg.home, 'cache', 'registry'))
    expect(ok(await aigogo(['remove-all'], {home: setup.pkg.home})).stdout).toContain('No cached packages to remove.')
  })
})
