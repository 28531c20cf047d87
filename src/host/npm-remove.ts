/**
 * The npm half of `plugins remove` for an npm plugin: the shared npm project is copied into the
 * remove's stage and `npm uninstall` runs there (npm drops the dependencies nothing else needs).
 * The caller swaps the stage in by rename inside its transaction, so a failure restores the
 * project as it was.
 */
import {readJsonFile, writeJsonAtomic} from '@aigogo/sdk'
import {cp, lstat} from 'node:fs/promises'
import {join} from 'node:path'

import type {HostContext} from './host-context.js'
import {npmDataDir} from './npm-layout.js'
import {runNpm, TREE_FLAGS} from './npm-run.js'
import {linkPeers} from './peer-links.js'
import type {PluginRecord} from './plugin-state.js'

/** The project without the plugin, staged under `staging`; undefined when there is no project to change. */
export async function stageNpmRemoval(context: HostContext, record: PluginRecord, staging: string): Promise<string | undefined> {
  const dataDir = npmDataDir(context.dirs)
  if (!(await lstat(dataDir).catch(() => undefined))) return undefined
  const project = join(staging, 'project')
  await cp(dataDir, project, {recursive: true, verbatimSymlinks: true})
  await runNpm(['uninstall', ...TREE_FLAGS, record.package], {cwd: project, env: context.env, what: `removing ${record.package}`})
  const file = join(project, 'package.json')
  const pjson = ((await readJsonFile(file, {code: 'STATE_CORRUPT', what: 'the npm plugins project'})) ?? {}) as {oclif?: {plugins?: {name: string}[]}}
  const plugins = (pjson.oclif?.plugins ?? []).filter((p) => p.name !== record.package)
  await writeJsonAtomic(file, {...pjson, oclif: {...pjson.oclif, plugins}})
  await linkPeers(project, context.kernelRoot)
  return project
}
