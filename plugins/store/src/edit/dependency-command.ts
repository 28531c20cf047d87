/** The shared body of `aigogo add dep` and `aigogo add dev`. */
import {type Config} from '@oclif/core'
import {capability, printData, usageError, warn} from '@aigogo/sdk/core'

import {type DependencyKind, addDependency, importDependencies, removeDependencies} from './dependencies.js'

export interface DependencyCommandInput {
  config: Config
  kind: DependencyKind
  args: {pkg?: string; version?: string}
  flags: {'from-pyproject'?: boolean; 'from-package-json'?: boolean}
  json: boolean
}

export async function runAddDependency(input: DependencyCommandInput): Promise<unknown> {
  const {args, flags, kind} = input
  const label = kind === 'runtime' ? 'runtime' : 'development'
  const from = flags['from-pyproject'] ? 'pyproject' : flags['from-package-json'] ? 'package-json' : undefined
  if (flags['from-pyproject'] && flags['from-package-json']) throw usageError('USAGE', 'use one of --from-pyproject and --from-package-json', [])
  if (from) {
    if (args.version !== undefined) throw usageError('USAGE', `--from-${from} takes at most one argument: the file to read`, [`aigogo add ${kind === 'runtime' ? 'dep' : 'dev'} --from-${from} [file]`])
    const importer = await capability(input.config, 'dependency-import')
    const result = await importDependencies(process.cwd(), kind, from, args.pkg, importer)
    if (!input.json) {
      for (const {package: name, reason} of result.skipped) warn(`skipping ${name}: ${reason}`)
      const language = result.languageVersion
      printData(
        [
          `Read ${result.source}`,
          ...(language ? [`✓ language.version ${language.version}${language.previous ? ` (was ${language.previous})` : ''}`] : []),
          ...result.added.map((d) => `✓ Added ${d.package} ${d.version}`),
          `✓ Added ${result.added.length} ${label} dependencies${result.skipped.length > 0 ? ` (${result.skipped.length} skipped)` : ''}`,
        ].join('\n'),
      )
    }
    return result
  }
  const result = await addDependency(process.cwd(), kind, args.pkg ?? '', args.version ?? '')
  if (!input.json) printData(`✓ Added ${result.added.package} ${result.added.version} to ${label} dependencies`)
  return result
}

/** The shared body of `aigogo rm dep` and `aigogo rm dev`. */
export async function runRemoveDependencies(kind: DependencyKind, names: readonly string[], json: boolean): Promise<Awaited<ReturnType<typeof removeDependencies>>> {
  const label = kind === 'runtime' ? 'runtime' : 'development'
  const result = await removeDependencies(process.cwd(), kind, [...names])
  if (!json) {
    printData(
      [
        ...result.removed.map((d) => `✓ Removed ${d.package} (${d.version}) from ${label} dependencies`),
        result.remaining.length > 0 ? `Remaining ${label} dependencies (${result.remaining.length}):` : `No ${label} dependencies remaining`,
        ...result.remaining.map((d) => `  - ${d.package} (${d.version})`),
      ].join('\n'),
    )
  }
  return result
}
