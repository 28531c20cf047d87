/**
 * The MCP server: five tools and one resource per installed package, over stdio. Every tool
 * goes through another plugin's capability (never its files), so the CLI's rules apply.
 */
import {McpServer, ResourceTemplate, StdioServerTransport, z} from './vendor.js'

import type {ServerContext} from './context.js'
import {trackPending} from './pending-requests.js'
import {packageResources, readPackageResource} from './resources.js'
import {reserveStdout} from './stdout-guard.js'
import {runTool} from './tool-result.js'
import {packageInfo} from './tools/info.js'
import {addPackage, installPackages, listInstalled} from './tools/project.js'
import {searchPackages} from './tools/search.js'

export const INSTRUCTIONS = `aigogo packages are small reusable pieces of Python or JavaScript code, shared through OCI registries.
Find one with search, read its ai block with info, then add it and install: it becomes importable
as "from aigogo.<name> import ..." (Python) or "@aigogo/<name>" (Node.js). list_installed shows the
project's packages with their import lines and usage.`

export function createServer(context: ServerContext, version: string): McpServer {
  const server = new McpServer({name: 'aigogo', version}, {instructions: INSTRUCTIONS})

  server.registerTool('search', {
    annotations: {openWorldHint: true, readOnlyHint: true, title: 'Search packages'},
    description: 'Find packages whose name, summary or capabilities contain every word of the query, in the local builds and in the registries searched (the one given, else the default registries).',
    inputSchema: {
      query: z.string().describe('words to look for, e.g. "retry http"; empty lists everything'),
      registry: z.string().optional().describe('registry host[:port] to search instead of the default registries'),
    },
  }, (input) => runTool(async () => ({data: await searchPackages(context, input)})))

  server.registerTool('info', {
    annotations: {openWorldHint: true, readOnlyHint: true, title: 'Package details'},
    description: "A package's ai block (summary, capabilities, usage, inputs, outputs), language, dependencies, digest and signatures (key ids, and whether a trusted key verified each), without downloading its files.",
    inputSchema: {
      ref: z.string().describe('registry/repo:tag, registry/repo@sha256:..., or a local build name:tag'),
      offline: z.boolean().optional().describe("answer from what the last info of this registry ref on this machine kept, without the network (no signatures; NOT_CACHED when nothing was kept)"),
    },
  }, (input) => runTool(async () => ({data: await packageInfo(context, input)})))

  server.registerTool('add', {
    annotations: {destructiveHint: false, idempotentHint: true, openWorldHint: true, readOnlyHint: false, title: 'Add a package'},
    description: `Fetch a package into the store and record it in the project's aigogo.lock (${context.project}). Call install afterwards.`,
    inputSchema: {ref: z.string().describe('registry/repo:tag, registry/repo@sha256:..., or a local build name:tag')},
  }, (input) => runTool(async () => ({data: await addPackage(context, input)})))

  server.registerTool('install', {
    annotations: {destructiveHint: false, idempotentHint: true, openWorldHint: true, readOnlyHint: false, title: 'Install the lock'},
    description: `Wire every package of aigogo.lock into the project (${context.project}) so Python and Node.js can import them.`,
    inputSchema: {},
  }, () => runTool(async () => ({data: await installPackages(context)})))

  server.registerTool('list_installed', {
    annotations: {readOnlyHint: true, title: 'Installed packages'},
    description: "The project's packages: import line, summary and usage of each.",
    inputSchema: {},
  }, () => runTool(async () => ({data: await listInstalled(context)})))

  server.registerResource('package-usage', new ResourceTemplate('aigogo://packages/{key}', {list: () => packageResources(context)}), {
    description: 'How to use an installed package: its import line, summary, capabilities and usage.',
    mimeType: 'text/markdown',
    title: 'Installed package usage',
  }, (uri, variables) => readPackageResource(context, uri, variables))

  return server
}

/** Serves until the client closes stdin; calls in flight finish before it returns. */
export async function serve(context: ServerContext, version: string): Promise<void> {
  const protocolOut = reserveStdout()
  const server = createServer(context, version)
  const transport = new StdioServerTransport(process.stdin, protocolOut)
  let gone = false
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve
    process.stdin.once('end', resolve)
    process.stdin.once('close', resolve)
    // The client went away (EPIPE): nobody is left to answer.
    const hangUp = (): void => {
      gone = true
      resolve()
    }
    protocolOut.once('error', hangUp)
    process.stdout.once('error', hangUp)
  })
  await server.connect(transport)
  const pending = trackPending(transport)
  await closed
  // stdin ended: answer what was asked; a client that went away (EPIPE) gets nothing more.
  if (!gone) await pending.drained()
  await server.close()
}
