/**
 * The plugin host under test, through the real CLI: each test gets a temp work dir holding a
 * private AIGOGO_HOME (aigogo-home), a user HOME (user-home, so defaults never reach a real
 * home), one AI-tool target (claude) and the AIGOGO_CONFIG naming it; unless told otherwise, a
 * GitHub Releases stand-in serves the file's tests.
 */
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeEach} from 'vitest'

import {aigogo, type RunResult} from './cli.js'
import type {GithubStandin} from './github-standin.js'
import {useGithubStandin} from './github-standin-per-file.js'
import {useTempWorkDir} from './temp-work-dir.js'
import {snapshotTree} from './tree-snapshot.js'

export interface PluginHostOptions {
  /** The temp work dir's name prefix. */
  prefix: string
  /** Serve a GitHub Releases stand-in and point AIGOGO_GITHUB_API_URL at it (default true). */
  standin?: boolean
  /** More variables every child process gets (e.g. a GITHUB_TOKEN), before a run's own. */
  env?: Record<string, string>
}

export interface PluginHost {
  readonly work: string
  readonly home: string
  readonly userHome: string
  readonly targetRoot: string
  readonly config: string
  readonly standin: GithubStandin
  /** What a child process gets besides the clean environment and AIGOGO_HOME. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>
  run(args: string[], extra?: Record<string, string | undefined>): Promise<RunResult>
  /** Replaces the config's targets. */
  writeConfig(targets: unknown[]): Promise<void>
  readState(): Promise<{plugins: Record<string, any>[]}>
  /** The home and the target, for before/after comparisons. */
  everything(): Promise<{home: Record<string, string>; target: Record<string, string>}>
}

/** Registers the file's hooks (call at the top level of a test file) and returns the fixture. */
export function pluginHostFixture(options: PluginHostOptions): PluginHost {
  const work = useTempWorkDir(options.prefix)
  const github = options.standin === false ? undefined : useGithubStandin()
  const host: PluginHost = {
    get config() {
      return join(work.path, 'config.json')
    },
    env: (extra = {}) => ({
      AIGOGO_CONFIG: host.config,
      ...(github ? {AIGOGO_GITHUB_API_URL: github.standin.apiUrl} : {}),
      HOME: host.userHome,
      ...options.env,
      ...extra,
    }),
    everything: async () => ({home: await snapshotTree(host.home), target: await snapshotTree(host.targetRoot)}),
    get home() {
      return join(work.path, 'aigogo-home')
    },
    readState: async () => JSON.parse(await readFile(join(host.home, 'state', 'plugins.json'), 'utf8')) as {plugins: Record<string, any>[]},
    run: (args, extra) => aigogo(args, {env: host.env(extra), home: host.home}),
    get standin() {
      if (!github) throw new Error('this plugin host fixture has no GitHub stand-in')
      return github.standin
    },
    get targetRoot() {
      return join(work.path, 'claude')
    },
    get userHome() {
      return join(work.path, 'user-home')
    },
    get work() {
      return work.path
    },
    writeConfig: (targets) => writeFile(host.config, JSON.stringify({targets})),
  }
  beforeEach(async () => {
    await mkdir(host.userHome, {recursive: true})
    await host.writeConfig([{name: 'claude-code', root: host.targetRoot}])
  })
  return host
}
