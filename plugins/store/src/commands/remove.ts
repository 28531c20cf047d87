import {Args} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {removeCached} from '../cache/remove.js'

export default class Remove extends AigogoCommand {
  static override completion = {args: 'local-builds'} as const
  static override summary = 'Remove a local build from the cache (the store is not touched).'
  static override args = {ref: Args.string({description: 'name:tag', required: true})}
  static override examples = ['<%= config.bin %> remove my-utils:1.0.0']

  async run(): Promise<{ref: string; dir: string}> {
    const {args} = await this.parse(Remove)
    const result = await removeCached(args.ref)
    if (!this.json) printData(`Removed ${result.ref}`)
    return result
  }
}
