/**
 * The manifest dispatcher: runs a command straight from the oclif manifests, importing only that
 * command's runner (src/sdk/runner.ts), never oclif. Importing oclif costs more than starting
 * node, and building its Config reads every plugin; a command that declares a runner gets the
 * same flags, the same output (text, or --json data), the same coded errors and the same update
 * banner without either; help is the text oclif rendered before for the same plugin set and width. It answers only when the result is certain to match the full CLI's and
 * returns false otherwise: no runner, hooks to run (init, prerun, postrun), aliases, option
 * flags of a plugin that is not the kernel's own or bundled (their parsers are not in the manifest), a plugin the full CLI would warn about. AIGOGO_FULL_CLI=1 turns it off (tests compare).
 */
import {type RunnerContext, capability, loadModule, redactSecrets, renderErrorFor, writeStderr, writeStdout} from '@aigogo/sdk/core'

import {toAigogoError} from '../host/error-mapping.js'
import {maybeShowUpdateBanner} from '../host/update-banner.js'
import {collate, indexCommands} from './command-index.js'
import {helpCacheFile, isHelpRequest, readHelp} from './help-cache.js'
import {parseFromManifest} from './parse.js'
import {type ManifestPlugin, type PackageJson, loadManifestPlugins} from './plugin-set.js'
import {runnerModule} from './runner-module.js'

/** Hooks the kernel knows it does not need to run here: command_not_found fires only when no command matched. */
const INERT_HOOKS = new Set(['command_not_found'])

function runsHooks(pjson: PackageJson): boolean {
  return Object.keys(pjson.oclif?.hooks ?? {}).some((name) => !INERT_HOOKS.has(name))
}

/** The plugin set, when the full CLI would do nothing the dispatcher does not. */
export function dispatchablePlugins(kernelRoot: string): ManifestPlugin[] | undefined {
  if (process.env.AIGOGO_FULL_CLI) return undefined
  // oclif's AIGOGO_CONTENT_TYPE=json turns on JSON output without --json.
  if (process.env.AIGOGO_CONTENT_TYPE !== undefined) return undefined
  const plugins = loadManifestPlugins(kernelRoot)
  if (!plugins || plugins.some((p) => runsHooks(p.pjson))) return undefined
  const kernel = plugins[0]!.pjson.oclif
  // oclif.helpClass only changes how help renders: kept help is what it rendered (src/cli.ts records it).
  if (kernel?.topicSeparator !== ' ' || kernel.flexibleTaxonomy || kernel.jitPlugins) return undefined
  return plugins
}

/** Help as oclif printed it before for this command line and plugin set (src/dispatch/help-cache.ts). */
function showKeptHelp(plugins: readonly ManifestPlugin[], argv: readonly string[], kernelRoot: string): boolean {
  const file = helpCacheFile(plugins, argv)
  const text = file === undefined ? undefined : readHelp(file)
  if (text === undefined) return false
  maybeShowUpdateBanner([...argv], kernelRoot)
  writeStdout(text)
  return true
}

export async function tryDispatch(kernelRoot: string, argv: readonly string[]): Promise<boolean> {
  const plugins = dispatchablePlugins(kernelRoot)
  if (!plugins) return false
  const kernel = plugins[0]!
  if (isHelpRequest(argv, kernel.pjson.oclif?.additionalHelpFlags ?? [])) return showKeptHelp(plugins, argv, kernelRoot)
  if (argv[0] === '--version' || (kernel.pjson.oclif?.additionalVersionFlags ?? []).includes(argv[0] ?? '')) return false
  const index = indexCommands(plugins)
  const collated = collate(argv, index)
  const entry = collated && index.commands.get(collated[0] ?? '')
  if (!collated || !entry?.command.runner || entry.command.state !== undefined) return false
  // Option flags are taken as typed only where a test checks that no class gives one a parser of its own.
  const plainOptionFlags = entry.plugin.origin === 'kernel' || entry.plugin.origin === 'bundled'
  const input = parseFromManifest(entry.command, collated.slice(1), {plainOptionFlags})
  if (!input) return false
  let runner: (input: unknown, context: RunnerContext) => Promise<unknown>
  try {
    runner = (await loadModule(runnerModule(entry.plugin.root, entry.command.runner, kernelRoot))).default as typeof runner
    if (typeof runner !== 'function') return false
  } catch {
    return false
  }
  maybeShowUpdateBanner([...argv], kernelRoot)
  const context: RunnerContext = {
    bin: kernel.pjson.oclif?.bin ?? 'aigogo',
    capability: (name) => capability(plugins, name),
    plugins,
    root: kernelRoot,
    version: kernel.version,
  }
  try {
    const result = await runner(input, context)
    if (result && input.json) writeStdout(JSON.stringify(result, null, 2) + '\n')
  } catch (error) {
    const coded = toAigogoError(error)
    if (coded === undefined) return true
    if (process.env.AIGOGO_DEBUG && error instanceof Error && error.stack) writeStderr(redactSecrets(error.stack) + '\n')
    writeStderr(renderErrorFor(coded, argv))
    process.exitCode = coded.exit
  }
  return true
}
