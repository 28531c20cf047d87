import {Flags} from '@oclif/core'
import {AigogoCommand, printData} from '@aigogo/sdk'

import {AREA_LABELS, type Area, type AreaUsage, areaUsage, cleanArea, formatSize} from '../clean/usage.js'

export default class Clean extends AigogoCommand {
  static override summary = 'Show disk usage, or remove the build cache and/or the package store.'
  static override flags = {
    all: Flags.boolean({description: 'remove the cache and the store'}),
    cache: Flags.boolean({description: 'remove local builds and cached images'}),
    store: Flags.boolean({description: 'remove the content-addressable store (installed projects must run aigogo install again)'}),
  }

  static override examples = ['<%= config.bin %> clean', '<%= config.bin %> clean --cache', '<%= config.bin %> clean --all']

  async run(): Promise<{removed: AreaUsage[]} | {usage: AreaUsage[]; totalBytes: number}> {
    const {flags} = await this.parse(Clean)
    const areas: Area[] = (['cache', 'store'] as const).filter((a) => flags.all || flags[a])
    if (areas.length === 0) {
      const usage = await Promise.all((['cache', 'store'] as const).map((a) => areaUsage(a)))
      const totalBytes = usage.reduce((t, u) => t + u.bytes, 0)
      if (!this.json) {
        const rows = usage.map((u) =>
          u.bytes === 0 ? `  ${`${AREA_LABELS[u.area]}:`.padEnd(22)} ${'empty'.padStart(8)}` : `  ${`${AREA_LABELS[u.area]}:`.padEnd(22)} ${formatSize(u.bytes).padStart(8)}  (${u.items} items)   aigogo clean --${u.area}`,
        )
        printData(['aigogo disk usage:', '', ...rows, '', `  ${'Total:'.padEnd(22)} ${formatSize(totalBytes).padStart(8)}`, '', 'Use aigogo clean --all to remove everything'].join('\n'))
      }
      return {totalBytes, usage}
    }
    const removed: AreaUsage[] = []
    for (const area of areas) {
      const usage = await cleanArea(area)
      removed.push(usage)
      if (!this.json) printData(usage.bytes === 0 && usage.items === 0 ? `No ${AREA_LABELS[area].toLowerCase()} to clean` : `Removed ${AREA_LABELS[area].toLowerCase()}: ${formatSize(usage.bytes)} (${usage.items} items)`)
    }
    return {removed}
  }
}
