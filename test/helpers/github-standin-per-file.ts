/**
 * One GitHub Releases stand-in per test file: started before the file's tests, stopped after
 * them, and emptied (releases, recorded requests, faults) before each test.
 */
import {afterAll, beforeAll, beforeEach} from 'vitest'

import {GithubStandin} from './github-standin.js'

/** Registers the hooks; read `.standin` inside tests and hooks, not at import time. */
export function useGithubStandin(): {readonly standin: GithubStandin} {
  let standin: GithubStandin | undefined
  beforeAll(async () => {
    standin = await new GithubStandin().start()
  })
  afterAll(async () => standin?.stop())
  beforeEach(() => {
    standin!.repos.clear()
    standin!.requests.length = 0
    standin!.faults.length = 0
  })
  return {
    get standin(): GithubStandin {
      if (!standin) throw new Error('the GitHub stand-in is read before its beforeAll hook ran')
      return standin
    },
  }
}
