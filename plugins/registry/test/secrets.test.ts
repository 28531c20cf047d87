/**
 * Secrets typed where they do not belong never come back in an error: values of unknown flags
 * (`--password=PW`) and credentials inside a reference (`user:pass@host/...`), in the text and the
 * --json form, through the full CLI and through the fast paths (pull, push).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {aigogo, jsonError, type RunResult, tempDir} from '../../../test/helpers/cli.js'

const SECRET = 'Hunter2-s3cret'
let home: {path: string; cleanup: () => Promise<void>}

beforeAll(async () => {
  home = await tempDir('aigogo-secrets-')
})
afterAll(async () => home?.cleanup())

function run(args: string[]): Promise<RunResult> {
  return aigogo(args, {home: home.path})
}

function expectHidden(result: RunResult): void {
  expect(result.stdout + result.stderr).not.toContain(SECRET)
  expect(result.stdout + result.stderr).not.toContain('s3cret')
}

describe('values of unknown flags are masked', () => {
  it('login --password=PW answers USAGE naming --password=*** (text and --json)', async () => {
    const text = await run(['login', 'localhost:5000', '-u', 'alice', `--password=${SECRET}`])
    expect(text.exitCode).toBe(1)
    expect(text.stderr).toContain('Nonexistent flag: --password=***')
    expect(text.stderr).toContain('[exit 1: USAGE]')
    expectHidden(text)

    const json = await run(['login', 'localhost:5000', '-u', 'alice', `--password=${SECRET}`, '--json'])
    expect([json.exitCode, jsonError(json).code, jsonError(json).message]).toEqual([1, 'USAGE', 'Nonexistent flag: --password=***'])
    expectHidden(json)
  })

  it('several unknown flags, short ones with attached values, on another command', async () => {
    const result = await run(['tags', 'localhost:5000/x', `--token=${SECRET}`, `-p${SECRET}`, `-k=${SECRET}`, '--json'])
    expect(jsonError(result).message).toBe('Nonexistent flags: --token=***, -p***, -k=***')
    expectHidden(result)
  })
})

describe('credentials inside a reference are masked', () => {
  const ref = `alice:${SECRET}@localhost:5000/team/utils:1.0.0`

  // pull runs as a fast path, delete and tags through oclif, add through the package-source capability.
  for (const args of [['pull', ref], ['delete', ref], ['tags', `alice:${SECRET}@localhost:5000/team/utils`], ['add', ref]]) {
    it(`${args[0]}: REFERENCE_INVALID says credentials do not belong there, and shows ***@ (text and --json)`, async () => {
      const text = await run(args)
      expect(text.exitCode).toBe(1)
      expect(text.stderr).toContain('[exit 1: REFERENCE_INVALID]')
      expect(text.stderr).toContain('***@localhost:5000/team/utils')
      expect(text.stderr).toContain('aigogo login')
      expectHidden(text)

      const json = await run([...args, '--json'])
      const error = jsonError(json) as ReturnType<typeof jsonError> & {details?: {ref?: string}}
      expect([json.exitCode, error.code]).toEqual([1, 'REFERENCE_INVALID'])
      expect(error.message).toContain('***@localhost:5000')
      expect(error.details?.ref).toMatch(/^\*\*\*@localhost:5000\/team\/utils/)
      expectHidden(json)
    })
  }
})
