/** What every plugin-host operation needs to know about this installation. */
import {type AigogoDirs, aigogoDirs, readJsonFile} from '@aigogo/sdk'
import {join} from 'node:path'

import {type FirstPartyRegistry, readFirstPartyRegistry} from './first-party-registry.js'

export interface HostContext {
  dirs: AigogoDirs
  kernelRoot: string
  env: NodeJS.ProcessEnv
  registry: FirstPartyRegistry
  /** npm package names of the plugins bundled with the kernel. */
  bundled: string[]
}

export async function hostContext(kernelRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<HostContext> {
  const pjson = (await readJsonFile(join(kernelRoot, 'package.json'), {code: 'INTERNAL', what: 'the kernel package.json'})) as {
    oclif?: {plugins?: string[]}
  }
  return {bundled: pjson?.oclif?.plugins ?? [], dirs: aigogoDirs(env), env, kernelRoot, registry: await readFirstPartyRegistry(kernelRoot)}
}

export function pluginsLockFile(dirs: AigogoDirs): string {
  return join(dirs.locks, 'plugins.lock')
}

/** The bundled copy of a plugin (its package root), for falling back after a remove. */
export function bundledRoot(context: HostContext, packageName: string): string | undefined {
  return context.bundled.includes(packageName) ? join(context.kernelRoot, 'node_modules', packageName) : undefined
}
