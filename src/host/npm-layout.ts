/**
 * Where npm plugins live: one npm project, AIGOGO_HOME/npm-plugins/ (oclif's "data dir" layout:
 * a package.json whose dependencies are the installed plugins, their node_modules/ tree, and the
 * lock file), so plugins share dependencies and npm resolves them. Node built-ins only: the fast
 * path reads it too.
 */
import {join} from 'node:path'

export function npmDataDir(dirs: {home: string}): string {
  return join(dirs.home, 'npm-plugins')
}

/** An npm plugin's package root; `packageName` has been checked against npm's name rules. */
export function npmPackageRoot(dirs: {home: string}, packageName: string): string {
  return join(npmDataDir(dirs), 'node_modules', ...packageName.split('/'))
}
