/**
 * The full CLI: load the plugins through the host, let oclif dispatch, and render every
 * failure in one place, as text on stderr or as one JSON object with --json.
 */
import {flush, run} from '@oclif/core'
import {redactSecrets, renderErrorFor} from '@aigogo/sdk'
import {fileURLToPath} from 'node:url'

import {discoverPlugins} from './host/discovery.js'
import {toAigogoError} from './host/error-mapping.js'
import {passThroughArgv} from './host/pass-through.js'
import {maybeShowUpdateBanner} from './host/update-banner.js'

export const KERNEL_ROOT = fileURLToPath(new URL('..', import.meta.url))

export async function runCli(argv: string[]): Promise<void> {
  maybeShowUpdateBanner(argv, KERNEL_ROOT)
  try {
    const discovered = await discoverPlugins(KERNEL_ROOT)
    await run(passThroughArgv(argv, discovered.plugins), discovered)
    await flush()
  } catch (error) {
    const coded = toAigogoError(error)
    if (coded === undefined) return
    if (process.env.AIGOGO_DEBUG && error instanceof Error && error.stack) process.stderr.write(redactSecrets(error.stack) + '\n')
    process.stderr.write(renderErrorFor(coded, argv))
    process.exitCode = coded.exit
  }
}
