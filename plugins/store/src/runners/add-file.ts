/** `aigogo add file <paths...>`: add files or globs to files.include. */
import {type CommandRunner, printData, warn} from '@aigogo/sdk/core'

import {addFiles} from '../edit/add-files.js'

const runAddFile: CommandRunner = async (input) => {
  const result = await addFiles({cwd: process.cwd(), force: input.flags.force === true, paths: [...input.argv]})
  if (!input.json) {
    for (const s of result.skipped) warn(`skipping ${s.path} (${s.reason})`)
    for (const n of result.notes) warn(`${n.ignored} file(s) matching ${n.pattern} are ignored and will not be packaged`)
    printData(result.added.length === 0 ? 'No new files to add' : [`✓ Added ${result.added.length} file(s) to include list:`, ...result.added.map((p) => `  - ${p}`)].join('\n'))
  }
  return result
}

export default runAddFile
