/** add, install and list_installed: the imports plugin's own code paths, in the server's project only. */
import {capability} from '@aigogo/sdk/core'

import type {ServerContext} from '../context.js'

const projectPackages = (context: ServerContext) => capability(context.plugins, 'project-packages')

export async function addPackage(context: ServerContext, input: {ref: string}): Promise<Record<string, unknown>> {
  const added = await (await projectPackages(context)).add(input.ref, {cwd: context.project, plugins: context.plugins, say: context.say})
  return {...added, next: 'call install to wire it into the project'}
}

export async function installPackages(context: ServerContext): Promise<Record<string, unknown>> {
  const result = await (await projectPackages(context)).install({cwd: context.project, plugins: context.plugins, say: context.say})
  return {...result}
}

export async function listInstalled(context: ServerContext): Promise<Record<string, unknown>> {
  const listed = await (await projectPackages(context)).installed({cwd: context.project, plugins: context.plugins})
  return {
    lockFile: listed.lockFile,
    packages: listed.packages.map((p) => ({
      import: p.import,
      installed: p.installed,
      language: p.language,
      name: p.name,
      key: p.key,
      source: p.source,
      summary: p.ai?.summary ?? p.description ?? null,
      usage: p.ai?.usage ?? null,
      version: p.version,
    })),
    projectDir: listed.projectDir,
  }
}
