/** `aigogo scan [path]`: the third-party packages the files import, and suggested entries. */
import {type CommandRunner, printData} from '@aigogo/sdk/core'

import {loadPackage} from '../package/load-package.js'
import {renderScan} from '../scan/render-scan.js'
import {scanDependencies} from '../scan/scan.js'

const runScan: CommandRunner = async (input, context) => {
  const result = await scanDependencies(await loadPackage(context.plugins, String(input.args.path)))
  if (!input.json) printData(renderScan(result))
  return result
}

export default runScan
