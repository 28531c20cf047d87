/**
 * delete removes a manifest, and with it every tag on that digest: it names them first, asks on a
 * terminal, and off a terminal goes on only with --yes. Against a real registry, checked with skopeo.
 */
import {execa} from 'execa'
import {beforeEach, describe, expect, it} from 'vitest'

import {aigogo, jsonError} from '../../../test/helpers/cli.js'
import {aigogoOnTerminal} from '../../../test/helpers/terminal.js'
import {json, ok, useBuiltPackage} from './fixtures.js'

const setup = useBuiltPackage()
let repo: string
let count = 0

/** Tags 1, 2 and latest on one manifest; 3 on another (the upstream format has another digest). */
beforeEach(async () => {
  repo = `${setup.registry.host}/team/doomed-${++count}`
  for (const tag of ['1', '2', 'latest']) ok(await aigogo(['push', `${repo}:${tag}`, '--from', setup.pkg.build], {home: setup.pkg.home}))
  ok(await aigogo(['push', `${repo}:3`, '--from', setup.pkg.build, '--format', 'upstream'], {home: setup.pkg.home}))
})

async function remainingTags(): Promise<string[]> {
  const {stdout} = await execa('skopeo', ['list-tags', '--tls-verify=false', `docker://${repo}`])
  return ((JSON.parse(stdout) as {Tags: string[] | null}).Tags ?? []).sort()
}

describe('delete off a terminal', () => {
  it('refuses without --yes (exit 2, CONFIRMATION_REQUIRED) whatever is piped in, names the tags that would go, and deletes nothing', async () => {
    for (const input of ['no\n', 'yes\n', '']) {
      const text = await aigogo(['delete', `${repo}:1`], {home: setup.pkg.home, input})
      expect(text.exitCode).toBe(2)
      expect(text.stderr).toContain('[exit 2: CONFIRMATION_REQUIRED]')
      expect(text.stderr).toContain('--yes')
      expect(text.stderr).toContain('2, latest')
      expect(text.stdout).toBe('')
    }
    const json = await aigogo(['delete', `${repo}:1`, '--json'], {home: setup.pkg.home, input: 'yes\n'})
    const error = jsonError(json) as ReturnType<typeof jsonError> & {details: {alsoDeleted: string[]}}
    expect([json.exitCode, error.code, error.details.alsoDeleted]).toEqual([2, 'CONFIRMATION_REQUIRED', ['2', 'latest']])
    expect(json.stderr.trim().split('\n')).toHaveLength(1)
    expect(await aigogo(['delete', repo, '--all'], {home: setup.pkg.home, input: 'yes\n'})).toMatchObject({exitCode: 2})
    expect(await remainingTags()).toEqual(['1', '2', 'latest', '3'].sort())
  })

  it('with --yes deletes the manifest and reports every tag that went with it', async () => {
    const result = json<{deleted: {digest: string; tags: string[]}[]; alsoDeleted: string[]}>(await aigogo(['delete', `${repo}:1`, '--yes', '--json'], {home: setup.pkg.home}))
    expect(result.deleted).toEqual([{digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), tags: ['1', '2', 'latest']}])
    expect(result.alsoDeleted).toEqual(['2', 'latest'])
    expect(await remainingTags()).toEqual(['3'])

    const text = ok(await aigogo(['delete', `${repo}:3`, '-y'], {home: setup.pkg.home}))
    expect(text.stdout).toContain(`Deleted ${repo}@sha256:`)
    expect(text.stderr).not.toContain('Also deleted')
    expect(await remainingTags()).toEqual([])
  })
})

describe('delete on a terminal', () => {
  it('names the other tags on the manifest and asks: no keeps everything, yes deletes them', async () => {
    const declined = await aigogoOnTerminal(['delete', `${repo}:2`], {home: setup.pkg.home, input: 'no\n'})
    expect(declined.output).toContain('This also deletes tags 1, latest')
    expect(declined.output).toContain(`Delete ${repo}:2 and 1, latest? [y/N]`)
    expect(declined.output).toContain('nothing deleted')
    expect(declined.exitCode).toBe(0)
    expect(await remainingTags()).toEqual(['1', '2', 'latest', '3'].sort())

    const accepted = await aigogoOnTerminal(['delete', `${repo}:2`], {home: setup.pkg.home, input: 'yes\n'})
    expect(accepted.exitCode).toBe(0)
    expect(accepted.output).toContain('Also deleted, same manifest: 1, latest')
    expect(await remainingTags()).toEqual(['3'])
  })
})
