/** One MCP resource per package of the project's lock: how to import and use it. */
import type {ListResourcesResult, ReadResourceResult} from '@modelcontextprotocol/sdk/types.js'

import {AigogoError, capability, type InstalledProjectPackage, usageError} from '@aigogo/sdk/core'

import type {ServerContext} from './context.js'

const uriOf = (key: string): string => `aigogo://packages/${encodeURIComponent(key)}`

async function projectPackages(context: ServerContext): Promise<InstalledProjectPackage[]> {
  const listed = await (await capability(context.plugins, 'project-packages')).installed({cwd: context.project, plugins: context.plugins})
  return listed.packages
}

export function usageMarkdown(p: InstalledProjectPackage): string {
  const lines = [`# ${p.name} ${p.version} (${p.language})`, '', `Import: \`${p.import}\``]
  if (!p.installed) lines.push('', 'Not installed yet: run `aigogo install` (or the install tool).')
  const summary = p.ai?.summary ?? p.description
  if (summary) lines.push('', summary)
  if (p.ai?.capabilities?.length) lines.push('', 'Capabilities:', ...p.ai.capabilities.map((c) => `- ${c}`))
  if (p.ai?.usage) lines.push('', 'Usage:', '', p.ai.usage)
  if (p.ai?.inputs) lines.push('', `Inputs: ${p.ai.inputs}`)
  if (p.ai?.outputs) lines.push('', `Outputs: ${p.ai.outputs}`)
  return lines.join('\n') + '\n'
}

export async function packageResources(context: ServerContext): Promise<ListResourcesResult> {
  try {
    const packages = await projectPackages(context)
    return {resources: packages.map((p) => ({description: p.ai?.summary ?? p.description, mimeType: 'text/markdown', name: p.key, title: `${p.name} ${p.version}`, uri: uriOf(p.key)}))}
  } catch (error) {
    // No lock yet: nothing to list, which is not an error for a listing.
    if (AigogoError.is(error) && error.code === 'LOCK_NOT_FOUND') return {resources: []}
    throw error
  }
}

export async function readPackageResource(context: ServerContext, uri: URL, variables: Record<string, string | string[]>): Promise<ReadResourceResult> {
  const key = decodeURIComponent(String(variables.key ?? ''))
  const found = (await projectPackages(context)).find((p) => p.key === key)
  if (!found) throw usageError('PACKAGE_NOT_IN_LOCK', `no package "${key}" in the project's aigogo.lock`, ['list them: the list_installed tool, or resources/list'])
  return {contents: [{mimeType: 'text/markdown', text: usageMarkdown(found), uri: uri.href}]}
}
