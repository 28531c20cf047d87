import {Flags} from '@oclif/core'
import {AigogoCommand, printData, say} from '@aigogo/sdk'

import {cacheEntries, removeAllCached} from '../cache/remove.js'
import {confirm} from '../util/confirm.js'

export default class RemoveAll extends AigogoCommand {
  static override summary = 'Remove every local build and cached image (the store is not touched).'
  static override flags = {force: Flags.boolean({description: 'do not ask for confirmation'})}
  static override examples = ['<%= config.bin %> remove-all', '<%= config.bin %> remove-all --force']

  async run(): Promise<{removed: number; cancelled: boolean}> {
    const {flags} = await this.parse(RemoveAll)
    const entries = await cacheEntries()
    if (entries.length === 0) {
      if (!this.json) printData('No cached packages to remove.')
      return {cancelled: false, removed: 0}
    }
    if (!flags.force) {
      say([`This will remove ${entries.length} cached package(s):`, ...entries.map((e) => `  • ${e}`)].join('\n'))
      if (!(await confirm('Remove them all? Type yes to confirm:', '--force'))) {
        if (!this.json) printData('Operation cancelled.')
        return {cancelled: true, removed: 0}
      }
    }
    const removed = await removeAllCached()
    if (!this.json) printData(`Removed ${removed} cached package(s).`)
    return {cancelled: false, removed}
  }
}
