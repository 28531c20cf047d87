/**
 * Where aigogo keeps its data. One root, AIGOGO_HOME (default ~/.aigogo), shared with the
 * upstream Go tool's store and cache so a team can mix both tools on one machine.
 */
import {homedir} from 'node:os'
import {join, resolve} from 'node:path'

export function aigogoHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.AIGOGO_HOME
  if (fromEnv && fromEnv.trim() !== '') return resolve(fromEnv)
  return join(homedir(), '.aigogo')
}

export interface AigogoDirs {
  /** The root: AIGOGO_HOME or ~/.aigogo. */
  home: string
  /** Content-addressable package store: store/sha256/<hh>/<hash>/. */
  store: string
  /** Local builds and pulled images. */
  cache: string
  /** Installed plugins: plugins/<name>/. */
  plugins: string
  /** Host-owned state files: state/plugins.json and friends. */
  state: string
  /** Scratch space on the same filesystem as the store, so stage-then-rename never crosses devices. */
  tmp: string
  /** Cross-process lock files. */
  locks: string
}

export function aigogoDirs(env: NodeJS.ProcessEnv = process.env): AigogoDirs {
  const home = aigogoHome(env)
  return {
    cache: join(home, 'cache'),
    home,
    locks: join(home, 'locks'),
    plugins: join(home, 'plugins'),
    state: join(home, 'state'),
    store: join(home, 'store'),
    tmp: join(home, 'tmp'),
  }
}
