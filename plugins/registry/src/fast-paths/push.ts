/**
 * `aigogo push <ref> --from <build> [--format F] [--json]` before oclif loads (see the kernel's
 * src/fast-path.ts): a re-push of an unchanged build is one HEAD request, so starting the
 * framework would be most of its cost. Other forms go to the full command.
 */
import {type FastPathContext, parsePlainArgs, printJson} from '@aigogo/sdk/core'

import {WIRE_FORMATS, type WireFormat} from '../format.js'
import {runPush} from '../push.js'

export default async function push(argv: string[], context: FastPathContext): Promise<boolean> {
  const plain = parsePlainArgs(argv, {booleans: ['json'], positionals: 1, values: ['from', 'format']})
  const format = (plain?.values.format ?? 'oci') as WireFormat
  if (!plain?.values.from || !WIRE_FORMATS.includes(format)) return false
  const json = plain.booleans.has('json')
  const result = await runPush(await context.capability('local-builds'), {format, from: plain.values.from, json, ref: plain.positionals[0]!})
  if (json) printJson(result)
  return true
}
