/**
 * `aigogo pull <ref> [--json]` before oclif loads (see the kernel's src/fast-path.ts): pulling
 * a small package, or one already in the store, takes less time than starting the framework.
 * Under a trust policy it steps aside: the full command enforces it.
 */
import {aigogoDirs, type FastPathContext, parsePlainArgs, printJson} from '@aigogo/sdk/core'

import {policyApplies, projectDirFor} from '../project-policy.js'
import {runPull} from '../pull.js'

export default async function pull(argv: string[], context: FastPathContext): Promise<boolean> {
  const plain = parsePlainArgs(argv, {booleans: ['json'], positionals: 1})
  if (!plain) return false
  if (policyApplies(aigogoDirs(), projectDirFor(process.cwd()))) return false
  const json = plain.booleans.has('json')
  const report = await runPull(await context.capability('store'), {json, ref: plain.positionals[0]!})
  if (json) printJson(report)
  return true
}
