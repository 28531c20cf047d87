import {Flags} from '@oclif/core'
import {AigogoCommand, confirmAction, printData, say} from '@aigogo/sdk'

import {type CacheEntry, cacheEntries, removeAllCached} from '../cache/remove.js'

export default class RemoveAll extends AigogoCommand {
  static override summary = 'Remove every local build and cached image (the store is not touched).'
  static override description = 'On a terminal the command asks; otherwise --yes (or its older name --force) is required.'
  static override flags = {
    yes: Flags.boolean({aliases: ['force'], char: 'y', description: 'do not ask: confirm ahead (required when stdin is not a terminal); --force is the older name'}),
  }

  static override examples = ['<%= config.bin %> remove-all', '<%= config.bin %> remove-all --yes']

  async run(): Promise<{removed: number; refs: string[]; cancelled: boolean}> {
    const {flags} = await this.parse(RemoveAll)
    const entries = await cacheEntries()
    const refs = entries.map((e) => e.ref)
    if (entries.length === 0) {
      if (!this.json) printData('No cached packages to remove.')
      return {cancelled: false, refs, removed: 0}
    }
    const label = (e: CacheEntry): string => (e.kind === 'build' ? e.ref : e.kind === 'image' ? `${e.ref} (cached image)` : `${e.ref} (unreadable folder in the cache)`)
    const confirmed = await confirmAction({
      action: `removing ${entries.length} cached package(s)`,
      details: {refs},
      hint: 'see them first: aigogo list',
      question: 'Remove them all?',
      warning: [`This removes ${entries.length} cached package(s):`, ...entries.map((e) => `  • ${label(e)}`)].join('\n'),
      yes: flags.yes,
    })
    if (!confirmed) {
      if (!this.json) say('Operation cancelled.')
      return {cancelled: true, refs, removed: 0}
    }
    const removed = await removeAllCached(entries)
    if (!this.json) printData(`Removed ${removed} cached package(s).`)
    return {cancelled: false, refs, removed}
  }
}
